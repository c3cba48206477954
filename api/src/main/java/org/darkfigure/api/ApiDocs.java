package org.darkfigure.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.darkfigure.access.Access;
import org.darkfigure.web.WebJars;

/**
 * The API's OpenAPI 3 description, built from the routes the server actually registers (paths, methods, who may
 * call them) and this catalogue of what each does and which query parameters it takes. A registered route
 * missing from the catalogue is listed as undocumented (and fails ApiDocsTest). Swagger UI at /api/docs.
 */
final class ApiDocs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a route does and the query parameters it reads (name -> description). */
    record Doc(String summary, Map<String, String> query) {
        Doc(String summary) {
            this(summary, Map.of());
        }
    }

    static final Map<String, Doc> CATALOGUE = catalogue();

    private static Map<String, Doc> catalogue() {
        Map<String, Doc> m = new LinkedHashMap<>();
        Map<String, String> slice = new LinkedHashMap<>();
        slice.put("country", "ISO 3166 alpha-3 code of the member state (the token's own)");
        slice.put("source", "source id, e.g. IDN-POLICE");
        slice.put("recordType", "migrant, incident, offender or capture_history");
        slice.put("schemaVersion", "version of the record type, e.g. 1");
        slice.put("period", "2024, 2024-Q1 or 2024-03");
        slice.put("format", "csv (default), jsonl, xlsx or parquet");
        slice.put("delimiter", "CSV delimiter: , ; | or tab");
        m.put("POST /api/v1/submissions", new Doc("Upload a submission (body: the file); 201 accepted, 200 already received, "
                + "422 refused with the validation report, 413 too large", slice));
        m.put("GET /api/v1/submissions", new Doc("Registered submissions, newest first (a submitter sees its own state's)"));
        m.put("GET /api/v1/submissions/{id}", new Doc("One submission with status, revision and validation report"));
        m.put("GET /api/v1/submissions/{id}/report.csv", new Doc("The validation report as CSV"));
        m.put("PUT /api/v1/profiles/{country}", new Doc("Declare the member state's national code lists and sources (JSON body); its submitter or an admin"));
        m.put("PUT /api/v1/profiles/{country}/sources", new Doc("Declare the member state's sources only, e.g. {\"IDN-POLICE\": \"National Police\"}; the code lists are kept. Once declared, uploads for other sources are refused"));
        m.put("GET /api/v1/profiles/{country}", new Doc("The member state's current national profile"));
        m.put("GET /api/v1/releases/{id}/data", new Doc("The release's researcher datasets: rows, columns, how each "
                + "quasi-identifier was coarsened, records withheld (k-anonymity)"));
        m.put("GET /api/v1/releases/{id}/data/{file}", new Doc("A researcher download: persons.csv (the linked people "
                + "the estimates count) or <record type>.csv / .parquet, disclosure-controlled"));
        m.put("POST /api/v1/runs", new Doc("Start a pipeline run over the current submissions; 202, 409 if one is going",
                org.darkfigure.manifest.RunParameters.KNOWN));
        m.put("GET /api/v1/runs", new Doc("Pipeline runs with status, stage and progress"));
        m.put("GET /api/v1/runs/{id}", new Doc("One run"));
        m.put("GET /api/v1/runs/{id}/log", new Doc("The run's log (text)"));
        m.put("GET /api/v1/releases", new Doc("The current release id and all release ids"));
        m.put("GET /api/v1/releases/{id}/manifest", new Doc("A release's manifest: inputs with SHA-256, parameters, seed, code version"));
        m.put("GET /api/v1/releases/{id}/estimates.csv", new Doc("Published estimate table (CSV) after disclosure control"));
        m.put("GET /api/v1/releases/{id}/estimates.sdmx.csv", new Doc("Published estimate table as SDMX-CSV 2.0"));
        m.put("GET /api/v1/releases/{id}/detections.csv", new Doc("The same detection tables as one tidy CSV: a row per "
                + "table, country, year, category and measure; hidden values empty with status C"));
        m.put("GET /api/v1/releases/{id}/detections", new Doc("What was detected (incidents and persons by route and "
                + "transport mode, dead and missing, facilitators, justice funnel) per country and year, after disclosure control"));
        m.put("GET /api/v1/estimates", new Doc("Estimates per stratum of the current (or named) release",
                Map.of("release", "a release id (default: the current release)")));
        m.put("GET /api/v1/standard", new Doc("The record types of the data standard"));
        m.put("GET /api/v1/standard/{type}/{version}/template.csv", new Doc("CSV template of a record type"));
        m.put("GET /api/v1/standard/{type}/{version}/template.xlsx", new Doc("Excel template with code-list drop-downs"));
        m.put("GET /api/v1/standard/{type}/{version}/schema.json", new Doc("JSON Schema of a record type"));
        m.put("POST /api/v1/tokens", new Doc("Issue a token ({role, country, label, days}); the token is shown once"));
        m.put("GET /api/v1/tokens", new Doc("All tokens (never their secrets)"));
        m.put("DELETE /api/v1/tokens/{id}", new Doc("Revoke a token"));
        m.put("GET /api/v1/audit", new Doc("The audit log, newest first",
                Map.of("limit", "at most this many entries (default 200)", "action", "only this action, e.g. upload")));
        m.put("GET /api/v1/whoami", new Doc("The caller's role and member state (and a browser session's CSRF token)"));
        m.put("GET /api/docs", new Doc("This API description in Swagger UI"));
        m.put("GET /api/docs/openapi.json", new Doc("This API description (OpenAPI 3)"));
        m.put("GET /", new Doc("Page: estimates overview"));
        m.put("GET /detections", new Doc("Page: what was detected, charts and tables per country"));
        m.put("GET /codebook", new Doc("Page: the codebook of the data standard"));
        m.put("GET /upload", new Doc("Page: upload a submission and read its validation report"));
        m.put("GET /releases", new Doc("Page: the releases with their downloads"));
        m.put("GET /runs", new Doc("Page: start and follow pipeline runs"));
        m.put("GET /strata/{population}/{country}/{year}", new Doc("Page: one stratum in detail (capture patterns, models, warnings)"));
        m.put("GET /submissions", new Doc("Page: coverage matrix of the submissions"));
        m.put("GET /submissions/{id}", new Doc("Page: a submission's validation report"));
        m.put("GET /admin/audit", new Doc("Page: the audit log"));
        m.put("GET /signin", new Doc("Page: sign in with a token"));
        m.put("GET /favicon.ico", new Doc("No icon (204)"));
        m.put("POST /signin", new Doc("Sign in (form: token, next): sets the session cookie"));
        m.put("POST /signout", new Doc("Sign out (cookie sessions send the CSRF token)"));
        m.put("GET /admin/tokens", new Doc("Page: issue, list and revoke tokens (admin)"));
        m.put("GET /api/v1/menu", new Doc("The pages the caller may open, who is signed in (if anyone) and the session's CSRF token: what every page's menu shows"));
        return m;
    }

    static void register(Javalin app) {
        byte[][] document = new byte[1][];
        app.get("/api/docs/openapi.json", ctx -> {
            if (document[0] == null) {
                document[0] = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(openApi(app));
            }
            ctx.contentType("application/json").result(document[0]);
        }, Access.PUBLIC);
        app.get("/api/docs", ctx -> ctx.html(page()), Access.PUBLIC);
    }

    static ObjectNode openApi(Javalin app) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.0.3");
        ObjectNode info = root.putObject("info");
        info.put("title", "darkfigure API");
        info.put("version", "1");
        info.put("description", "Intake of standardised submissions, pipeline runs, releases and estimates. "
                + "Authenticate with 'Authorization: Bearer TOKEN' (Authorize button); x-roles says who may call each operation.");
        ObjectNode schemes = root.putObject("components").putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode paths = root.putObject("paths");
        for (ParsedEndpoint parsed : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            Endpoint e = parsed.getEndpoint();
            if (!e.getMethod().isHttpMethod()) {
                continue;
            }
            String key = e.getMethod().name() + " " + e.getPath();
            Doc doc = CATALOGUE.getOrDefault(key, new Doc("(undocumented)"));
            ObjectNode path = paths.has(e.getPath()) ? (ObjectNode) paths.get(e.getPath()) : paths.putObject(e.getPath());
            ObjectNode op = path.putObject(e.getMethod().name().toLowerCase(Locale.ROOT));
            op.put("summary", doc.summary());
            op.put("operationId", key.replaceAll("[^A-Za-z0-9]+", "_"));
            ArrayNode roles = op.putArray("x-roles");
            boolean open = false;
            for (RouteRole r : e.getRoles()) {
                roles.add(r.toString().toLowerCase(Locale.ROOT));
                open |= r == Access.PUBLIC;
            }
            ArrayNode security = op.putArray("security");
            if (!open) {
                security.addObject().putArray("bearer");
            }
            ArrayNode parameters = op.putArray("parameters");
            Matcher m = Pattern.compile("\\{(\\w+)}").matcher(e.getPath());
            while (m.find()) {
                parameters.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            doc.query().forEach((name, description) -> parameters.addObject().put("name", name).put("in", "query")
                    .put("required", false).put("description", description).putObject("schema").put("type", "string"));
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "success (see summary for other success codes)");
            if (!open) {
                responses.putObject("401").put("description", "no, unknown, expired or revoked token");
                responses.putObject("403").put("description", "not allowed for this role or member state");
            }
            responses.putObject("429").put("description", "too many failed attempts from this address");
        }
        return root;
    }

    private static String page() {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>darkfigure API</title>
                  <link rel="stylesheet" href="%s/swagger-ui.css">
                  <script src="%s/swagger-ui-bundle.js" defer></script>
                  <script src="/assets/api-docs.js" defer></script>
                </head>
                <body><div id="swagger-ui"></div></body>
                </html>
                """.formatted(WebJars.SWAGGER_UI, WebJars.SWAGGER_UI);
    }

    static List<String> undocumented(Javalin app) {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod()).map(e -> e.getMethod().name() + " " + e.getPath())
                .filter(k -> !CATALOGUE.containsKey(k)).toList();
    }
}

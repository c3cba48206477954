package org.darkfigure.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.darkfigure.access.Access;
import org.darkfigure.codebook.CodebookPage;
import org.darkfigure.codebook.CsvTemplate;
import org.darkfigure.codebook.JsonSchemas;
import org.darkfigure.intake.XlsxTemplate;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/** The standard as the API serves it: the record types, templates, JSON Schemas and the codebook page. */
final class StandardRoutes {

    private StandardRoutes() {
    }

    static void register(Javalin app) {
        Standard standard = Standard.builtIn();
        String codebook = CodebookPage.render(standard, "/assets/site.css");
        app.get("/codebook", ctx -> ctx.html(codebook), Access.PUBLIC);
        app.get("/api/v1/standard", ctx -> ctx.json(summary(standard)), Access.PUBLIC);
        app.get("/api/v1/standard/{type}/{version}/template.csv", ctx -> {
            RecordType t = recordType(standard, ctx);
            attachment(ctx, t.name() + "-v" + t.version() + "-template.csv", "text/csv; charset=utf-8");
            ctx.result(CsvTemplate.of(t));
        }, Access.PUBLIC);
        app.get("/api/v1/standard/{type}/{version}/template.xlsx", ctx -> {
            RecordType t = recordType(standard, ctx);
            attachment(ctx, t.name() + "-v" + t.version() + "-template.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            ctx.result(XlsxTemplate.of(standard, t));
        }, Access.PUBLIC);
        app.get("/api/v1/standard/{type}/{version}/schema.json", ctx -> {
            RecordType t = recordType(standard, ctx);
            ctx.contentType("application/schema+json").result(JsonSchemas.of(standard, t).toPrettyString());
        }, Access.PUBLIC);
    }

    private static RecordType recordType(Standard standard, Context ctx) {
        String version = ctx.pathParam("version").replaceFirst("^v", "");
        try {
            return standard.recordType(ctx.pathParam("type"), Integer.parseInt(version)).orElseThrow(
                    () -> org.darkfigure.web.HttpProblem.notFound("no record type " + ctx.pathParam("type") + " v" + version));
        } catch (NumberFormatException e) {
            throw org.darkfigure.web.HttpProblem.notFound("schema version '" + ctx.pathParam("version") + "' is not a number");
        }
    }

    private static void attachment(Context ctx, String name, String type) {
        ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    private static List<Map<String, Object>> summary(Standard standard) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordType t : standard.recordTypes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recordType", t.name());
            m.put("version", t.version());
            m.put("title", t.title());
            m.put("required", t.fields().stream().filter(FieldSpec::required).map(FieldSpec::name).toList());
            m.put("columns", t.columnNames());
            String base = "/api/v1/standard/" + t.name() + "/" + t.version();
            m.put("templates", Map.of("csv", base + "/template.csv", "xlsx", base + "/template.xlsx",
                    "jsonSchema", base + "/schema.json"));
            out.add(m);
        }
        return out;
    }
}

package org.darkfigure.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.darkfigure.access.AccessGate;
import org.darkfigure.access.Role;
import org.darkfigure.charts.DetectionsPage;
import org.darkfigure.disclosure.PublishedDetections;
import org.darkfigure.manifest.StorageLayout;

/**
 * What was detected: a release's detection tables after disclosure control, as JSON, and the page that
 * charts them. Policy staff read them beside the estimates, so the same roles may read both.
 */
final class DetectionRoutes {

    private DetectionRoutes() {
    }

    static void register(Javalin app, Services services) {
        app.get("/api/v1/releases/{id}/detections", ctx -> detections(ctx, services, false), Role.VIEWER, Role.RESEARCHER,
                Role.ADMIN);
        app.get("/api/v1/releases/{id}/detections.csv", ctx -> detections(ctx, services, true), Role.VIEWER, Role.RESEARCHER,
                Role.ADMIN);
        app.get("/detections", ctx -> ctx.html(DetectionsPage.render()), Role.VIEWER, Role.RESEARCHER, Role.ADMIN);
    }

    /** The published tables as JSON, or with {@code csv} as one tidy CSV (PublishedDetections.csv). */
    private static void detections(Context ctx, Services services, boolean csv) throws Exception {
        String id = ctx.pathParam("id");
        if (services.releases().manifestJson(id).isEmpty()) {
            throw org.darkfigure.web.HttpProblem.notFound("no release " + id);
        }
        byte[] tables = services.releases().file(id, StorageLayout.DETECTION_TABLES).orElseThrow(() -> org.darkfigure.web.HttpProblem.notFound(
                "release " + id + " has no detection tables (it was published before they were made; run the pipeline again)"));
        services.audit().record(AccessGate.require(ctx), "download", "detections " + id, "ok", null, org.darkfigure.access.ClientAddress.of(ctx));
        // made when the release was published; older releases get it made now with this server's threshold
        java.util.Optional<byte[]> published = services.releases().file(id, StorageLayout.PUBLISHED_DETECTIONS);
        byte[] json = published.isPresent() ? published.get()
                : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                        PublishedDetections.publish(id, tables, services.config().smallCellThreshold()));
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + id + "-detections.csv\"")
                    .result(PublishedDetections.csv(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)));
        } else {
            ctx.contentType("application/json").result(json);
        }
    }
}

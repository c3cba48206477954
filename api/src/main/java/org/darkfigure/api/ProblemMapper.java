package org.darkfigure.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.darkfigure.access.AccessDenied;
import org.darkfigure.intake.UploadTooLargeException;
import org.darkfigure.manifest.RunParameters;
import org.darkfigure.profile.NationalProfile;
import org.darkfigure.runs.PipelineRuns;
import org.darkfigure.web.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the application answers, mapped once from its type to its status and {@code {code,title,detail}}
 * body: the typed problems handlers throw, the access refusals, and anything unexpected (500, details only in
 * the server log). Jetty's own errors get the same shape from {@code JsonErrorHandler}.
 */
final class ProblemMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private static final String ANSWERED = "darkfigure.problem-answered";

    private ProblemMapper() {
    }

    static void register(Javalin app) {
        app.exception(HttpProblem.class, (e, ctx) -> answer(ctx, e));
        app.exception(AccessDenied.class, (e, ctx) -> {
            if (e.redirect() != null) {
                ctx.redirect(e.redirect(), HttpStatus.SEE_OTHER);
                return;
            }
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"darkfigure\"");
            }
            if (e.retryAfter() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfter()));
            }
            answer(ctx, new HttpProblem(e.status(), e.title(), e.getMessage()));
        });
        app.exception(RunParameters.InvalidRunParametersException.class, (e, ctx) -> answer(ctx,
                HttpProblem.badRequest("Bad run parameters", e.getMessage()).with("problems", e.problems())));
        app.exception(NationalProfile.InvalidProfileException.class, (e, ctx) -> answer(ctx,
                new HttpProblem(422, "Profile refused", e.getMessage()).with("problems", e.problems())));
        app.exception(PipelineRuns.RunInProgressException.class,
                (e, ctx) -> answer(ctx, new HttpProblem(409, "A run is in progress", e.getMessage())));
        app.exception(UploadTooLargeException.class, (e, ctx) -> answer(ctx, new HttpProblem(413, "Upload too large",
                e.getMessage() + "; nothing was stored. The limit is set by "
                        + (e.decompressed() ? AppConfig.MAX_DECOMPRESSED_BYTES + " (and a gzip file may inflate to at most "
                        + "100 times its size, or 64 MiB)" : AppConfig.MAX_UPLOAD_BYTES))));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            answer(ctx, new HttpProblem(500, "Internal error", "the server could not complete the request; "
                    + "the operator can find the details in the server log"));
        });
        app.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) { // an unknown route: Javalin's own body would be "{}"
                answer(ctx, HttpProblem.notFound("no such resource: " + ctx.path()));
            }
        });
    }

    /** JSON for the API; a page in the site's frame for a browser's request of a page (e.g. a stratum that does not exist). */
    static void answer(Context ctx, HttpProblem problem) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(problem.status());
        if (!ctx.path().startsWith("/api/") && ctx.method() == io.javalin.http.HandlerType.GET
                && String.valueOf(ctx.header("Accept")).contains("text/html")) {
            ctx.html(org.darkfigure.web.Page.render(problem.title(), problem.getMessage(), "",
                    "<p><a href=\"/\">Back to the estimates</a></p>"));
        } else {
            ctx.json(problem.body());
        }
    }
}

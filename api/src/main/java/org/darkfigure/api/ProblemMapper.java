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
            if (ctx.result() == null || !ctx.result().contains("\"detail\"")) { // Javalin's own "{}" for unknown routes
                answer(ctx, HttpProblem.notFound("no such resource: " + ctx.path()));
            }
        });
    }

    static void answer(Context ctx, HttpProblem problem) {
        ctx.status(problem.status()).json(problem.body());
    }
}

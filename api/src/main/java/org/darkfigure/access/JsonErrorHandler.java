package org.darkfigure.access;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own errors (a malformed request line, an ambiguous URI, a body that stalled) answered like the
 * application's: the security headers and a {@code {code,title,detail}} body, never Jetty's HTML page with
 * its server version or a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String reason = HttpStatus.getMessage(status);
        if (!response.isCommitted()) {
            response.reset();
            SecurityHeaders.headers(request.getRequestURI(), request.isSecure()).forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store"); // an error is never cached, not even for a static path
            RequestGuard.ProblemBody.write(response, status, reason, detail(status, message));
        }
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.headers(null, false).forEach((name, value) -> fields.put(new HttpField(name, value)));
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        String body = "{\"code\":" + status + ",\"title\":\"" + HttpStatus.getMessage(status) + "\",\"detail\":\""
                + detail(status, reason).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String detail(int status, Object message) {
        if (status == 408) {
            return "the request body came too slowly or stopped; send it again";
        }
        if (status >= 500) {
            return "the server could not complete the request; the operator can find the details in the server log";
        }
        String m = message == null ? "" : message.toString().replaceAll("[\\r\\n]", " ");
        return m.isBlank() || m.length() > 200 ? "the request could not be understood (HTTP " + status + ")" : m;
    }
}

package io.imgfilter.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the filter's own answers: short plain-text errors and the headers every answer carries. */
public final class Responses {

    private Responses() {
    }

    /** Headers for any answer of the filter: the browser must never guess a type. */
    public static void hardenHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /**
     * Sends the problem as a short text/plain body, replacing anything buffered. Error pages of
     * the container are bypassed on purpose: they may be HTML and echo the request.
     */
    public static void sendProblem(HttpServletResponse response, HttpProblem problem, boolean withBody) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(problem.status());
        hardenHeaders(response);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (problem.clientMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (problem.status() == 405) {
            response.setHeader("Allow", "GET, HEAD");
        }
        if (withBody) {
            response.getOutputStream().write(body);
        }
    }
}

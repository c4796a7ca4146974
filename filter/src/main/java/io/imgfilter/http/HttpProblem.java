package io.imgfilter.http;

/**
 * A request that ends in an error status with a short plain-text body meant for the client.
 * The message must never hold a file path, an origin address, a key or a stack trace: it is
 * written to the response as is. Carries no stack trace itself because it is control flow,
 * thrown for every bad URL a scanner sends.
 */
public final class HttpProblem extends Exception {

    private final int status;

    public HttpProblem(int status, String clientMessage) {
        super(clientMessage, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The text sent to the client as the response body. */
    public String clientMessage() {
        return getMessage();
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, message);
    }

    public static HttpProblem notFound() {
        return new HttpProblem(404, "not found");
    }
}

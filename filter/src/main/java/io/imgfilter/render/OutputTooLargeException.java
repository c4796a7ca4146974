package io.imgfilter.render;

/**
 * What the request asks for, worked out on the original's real size, would be wider or taller
 * than the filter's output limits: a request problem, whichever fit and sides it gave.
 */
public final class OutputTooLargeException extends RenderException {

    /** @param clientMessage names the side and the limit, e.g. {@code height 5000000 over the limit of 2000} */
    public OutputTooLargeException(String clientMessage) {
        super(clientMessage);
    }

    @Override
    public boolean repeatable() {
        return true;
    }
}

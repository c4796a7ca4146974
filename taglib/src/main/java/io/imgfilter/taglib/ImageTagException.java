package io.imgfilter.taglib;

/**
 * A problem the page author has to fix: an unknown preset, a malformed lifetime, missing or
 * invalid configuration. The message says what is wrong and what to do; the tags turn it into a
 * {@link jakarta.servlet.jsp.JspException} that names the tag, the EL functions let it through.
 */
public final class ImageTagException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageTagException(String message) {
        super(message);
    }

    public ImageTagException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.imgfilter.http;

import io.imgfilter.render.CorruptImageException;
import io.imgfilter.render.ImageTooLargeException;
import io.imgfilter.render.OutputTooLargeException;
import io.imgfilter.render.RenderBusyException;
import io.imgfilter.render.RenderException;
import io.imgfilter.render.RenderTimeoutException;
import io.imgfilter.render.UnsupportedImageException;

/** The one place where what went wrong with an image becomes an HTTP status. */
public final class Problems {

    private Problems() {
    }

    public static HttpProblem of(RenderException failure) {
        return new HttpProblem(status(failure), failure.getMessage());
    }

    public static int status(RenderException failure) {
        if (failure instanceof OutputTooLargeException) {
            return 400;
        } else if (failure instanceof ImageTooLargeException) {
            return 413;
        } else if (failure instanceof UnsupportedImageException) {
            return 415;
        } else if (failure instanceof CorruptImageException) {
            return 422;
        } else if (failure instanceof RenderTimeoutException || failure instanceof RenderBusyException) {
            return 503;
        }
        throw new IllegalArgumentException("unmapped render failure " + failure.getClass().getName());
    }
}

package io.imgfilter.demo;

import io.imgfilter.ImageUrls;
import jakarta.servlet.ServletContext;
import java.time.Duration;

/**
 * Image URLs for the demo's pages, signed with the key of the filter {@value Originals#FILTER_NAME}
 * through the {@link ImageUrls} it publishes. Used from JSP as
 * {@code ${SignedLinks.url(pageContext.servletContext, original.path, 'small')}}.
 */
public final class SignedLinks {

    /** How long the links of a rendered page stay valid. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private SignedLinks() {
    }

    public static String url(ServletContext context, String path, String preset) {
        ImageUrls urls = ImageUrls.lookup(context, Originals.FILTER_NAME);
        if (urls == null) {
            throw new IllegalStateException("the filter " + Originals.FILTER_NAME + " has not published its ImageUrls");
        }
        return urls.url(path, preset, LIFETIME);
    }
}

package io.imgfilter.demo;

import io.imgfilter.ImageUrls;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The image URLs the demo's pages show, good and deliberately bad, all made with the key and
 * presets of the filter {@value Originals#FILTER_NAME} through the {@link ImageUrls} it publishes.
 * Called from JSP through EL, e.g. {@code ${DemoLinks.expired(ctx, path, 'small')}}.
 */
public final class DemoLinks {

    /** How long the links of a rendered page stay valid. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private DemoLinks() {
    }

    /** A valid signed (or, for a public preset, plain) URL. */
    public static String url(ServletContext context, String path, String preset) {
        return urls(context).url(path, preset, LIFETIME);
    }

    /** A URL whose token expired an hour ago. */
    public static String expired(ServletContext context, String path, String preset) {
        return urls(context).url(path, preset, Instant.now().minus(Duration.ofHours(1)));
    }

    /** A valid URL with the last digit of its signature changed. */
    public static String tampered(ServletContext context, String path, String preset) {
        String url = url(context, path, preset);
        char last = url.charAt(url.length() - 1);
        return url.substring(0, url.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** A URL signed for {@code signedFor}, then edited to ask for {@code askedFor} instead. */
    public static String moved(ServletContext context, String path, String signedFor, String askedFor) {
        return url(context, path, signedFor).replace("/" + signedFor + "/", "/" + askedFor + "/");
    }

    /** The same image without any token. */
    public static String unsigned(ServletContext context, String path, String preset) {
        String url = url(context, path, preset);
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * A signed URL with flexible options, signed even when an option is over its limit, to show
     * that a valid signature does not lift the limits.
     */
    public static String flexible(ServletContext context, String path, String options) {
        ImageUrls urls = urls(context);
        String raw = urls.baseUrl() + "/" + options + "/" + ImageUrls.encodePath(path);
        return urls.signer().orElseThrow().sign(raw, LIFETIME);
    }

    /** The path with each segment percent-encoded, for hand-made URLs. */
    public static String encode(String path) {
        return ImageUrls.encodePath(path);
    }

    /** The path of the first original, which the demonstration pages use as their example. */
    public static String sample(ServletContext context) {
        List<OriginalImage> originals = Originals.list(context);
        return originals.isEmpty() ? "missing.jpg" : originals.get(0).getPath();
    }

    /** The first original that may have transparency (a PNG), or the first original. */
    public static String sampleWithAlpha(ServletContext context) {
        return Originals.list(context).stream().map(OriginalImage::getPath)
                .filter(path -> path.toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                .findFirst().orElse(sample(context));
    }

    /** The filter's presets, in declaration order, for the pages' tables. */
    public static List<io.imgfilter.request.Preset> presets(ServletContext context) {
        return List.copyOf(urls(context).presets());
    }

    private static ImageUrls urls(ServletContext context) {
        ImageUrls urls = ImageUrls.lookup(context, Originals.FILTER_NAME);
        if (urls == null) {
            throw new IllegalStateException("the filter " + Originals.FILTER_NAME + " has not published its ImageUrls");
        }
        return urls;
    }
}

package io.imgfilter.taglib;

import io.imgfilter.ImageUrls;
import jakarta.servlet.ServletContext;

/**
 * The EL functions of the tag library, for URLs inside other markup:
 *
 * <pre>{@code
 * <a href="${img:signedUrl('2024/cat.jpg', 'large')}">
 * <div style="background-image: url('${img:signedUrlFor('2024/cat.jpg', 'medium', '30m')}')">
 * <source srcset="${img:srcset('2024/cat.jpg', 'small,medium,large')}" type="image/jpeg">
 * }</pre>
 *
 * They use the webapp's default images (the {@code imgfilter.filter} context-param, the
 * context-params for remote images, or the first filter) and return URLs as they are, not
 * HTML-escaped: their only character HTML cares about is the {@code &} before {@code sig=}, which
 * browsers read correctly; use {@code fn:escapeXml} for XHTML, or {@code <img:url>}, which
 * escapes. Errors are {@link ImageTagException}s naming the call.
 *
 * <p>Static methods get no page context; the webapp is found through {@link CurrentContext}.
 */
public final class ImageFunctions {

    private ImageFunctions() {
    }

    /** The URL of {@code src} in {@code preset}, signed with the default lifetime when the preset needs a token. */
    public static String signedUrl(String src, String preset) {
        return build("signedUrl", src, preset, null, null);
    }

    /** As {@link #signedUrl(String, String)}, valid for {@code ttl} ({@code 3600}, {@code 30m}, {@code 1h}, {@code 1d}). */
    public static String signedUrlFor(String src, String preset, String ttl) {
        return build("signedUrlFor", src, preset, null, ttl);
    }

    /**
     * A {@code srcset} value for the comma-separated {@code presets}, each entry signed, with
     * the default lifetime: {@code /ctx/images/small/cat.jpg?exp=…&sig=… 300w, …}.
     */
    public static String srcset(String src, String presets) {
        return build("srcset", src, null, presets, null);
    }

    private static String build(String function, String src, String preset, String presets, String ttl) {
        ServletContext context;
        TagConfig config;
        ImageUrls urls;
        try {
            context = CurrentContext.get(function);
            config = TagConfig.of(context);
            urls = config.imageUrls(context, null);
        } catch (ImageTagException e) {
            throw new ImageTagException(call(function, src, preset, presets, ttl) + ": " + e.getMessage(), e);
        }
        try {
            if (presets != null) {
                if (presets.isEmpty()) {
                    throw new ImageTagException("presets is empty");
                }
                return ImageSet.build(urls, src, null, presets, null, null, config.defaultLifetime()).srcset();
            }
            if (preset.isEmpty()) {
                throw new ImageTagException("preset is empty");
            }
            Lifetime lifetime = ttl == null ? config.defaultLifetime() : Lifetime.parseTtl(ttl);
            return ImageSet.build(urls, src, preset, null, null, null, lifetime).src();
        } catch (ImageTagException | IllegalArgumentException e) {
            throw new ImageTagException(call(function, src, preset, presets, ttl) + ": " + e.getMessage()
                    + " (" + config.origin(context, urls) + ")", e);
        }
    }

    /** The call as written, e.g. {@code img:signedUrl('cat.jpg', 'huge')}, for messages only. */
    private static String call(String function, String... args) {
        StringBuilder out = new StringBuilder("img:").append(function).append('(');
        boolean first = true;
        for (String arg : args) {
            if (arg != null) {
                out.append(first ? "'" : ", '").append(arg).append('\'');
                first = false;
            }
        }
        return out.append(')').toString();
    }
}

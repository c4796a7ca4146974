package io.imgfilter;

import io.imgfilter.config.SignaturePolicy;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.Preset;
import io.imgfilter.request.PresetTable;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.source.origin.PathEncoding;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the URLs a filter answers: {@code {base}/{preset}/{encoded source path}}, signed with the
 * filter's key when the variant needs a token. Each {@link ImageResizingFilter} publishes one in
 * its ServletContext, so JSP tags, servlets, Spring or JSF code sign with the same keys and
 * presets as the filter that will check them:
 *
 * <pre>{@code
 * ImageUrls images = ImageUrls.lookup(servletContext, null);      // or by filter name
 * String src = images.url("2024/cat one.jpg", "small", Duration.ofHours(1));
 * // -> /ctx/images/small/2024/cat%20one.jpg?exp=1767225600&sig=…
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class ImageUrls {

    /** ServletContext attribute holding the first filter's instance; see {@link #contextAttribute(String)}. */
    public static final String CONTEXT_ATTRIBUTE = ImageUrls.class.getName();

    private final String baseUrl;
    private final PresetTable presets;
    private final OptionsParser flexibleOptions;
    private final UrlSigner signer;
    private final SignaturePolicy policy;

    /**
     * @param baseUrl         what goes before the variant: the context path and mapping prefix
     *                        ({@code /shop/images}) or an absolute URL ({@code https://cdn.example.com/images})
     * @param presets         the presets the filter serves
     * @param flexibleOptions parser of flexible options, or null when the filter does not allow them
     * @param signer          the filter's signer, or null when it has no key
     * @param policy          which requests the filter accepts only with a token
     * @throws IllegalArgumentException when the policy needs tokens but there is no signer
     */
    public ImageUrls(String baseUrl, PresetTable presets, OptionsParser flexibleOptions, UrlSigner signer, SignaturePolicy policy) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.presets = Objects.requireNonNull(presets, "presets");
        this.flexibleOptions = flexibleOptions;
        this.signer = signer;
        this.policy = Objects.requireNonNull(policy, "policy");
        if (signer == null && policy != SignaturePolicy.NONE) {
            throw new IllegalArgumentException("signature policy " + policy.configName() + " needs a signer");
        }
    }

    /** The attribute under which the filter named {@code filterName} publishes its instance. */
    public static String contextAttribute(String filterName) {
        return CONTEXT_ATTRIBUTE + "." + filterName;
    }

    /**
     * The instance published by the filter named {@code filterName}, or by the first filter to
     * start when {@code filterName} is null; null when there is none.
     */
    public static ImageUrls lookup(ServletContext context, String filterName) {
        Object found = context.getAttribute(filterName == null ? CONTEXT_ATTRIBUTE : contextAttribute(filterName));
        return found instanceof ImageUrls urls ? urls : null;
    }

    /**
     * The URL of {@code sourcePath} in the named preset, valid for {@code ttl} when it must be signed.
     *
     * @param sourcePath the original's path below the source, not encoded ({@code 2024/cat one.jpg})
     * @throws IllegalArgumentException for an unknown preset or an unusable path
     */
    public String url(String sourcePath, String presetName, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        return build(sourcePath, requirePreset(presetName).name(), requiresToken(presetName), ttl, null);
    }

    /** As {@link #url(String, String, Duration)}, valid until {@code expires}. */
    public String url(String sourcePath, String presetName, Instant expires) {
        Objects.requireNonNull(expires, "expires");
        return build(sourcePath, requirePreset(presetName).name(), requiresToken(presetName), null, expires);
    }

    /**
     * The URL of {@code sourcePath} with flexible options such as {@code width=400,fit=cover},
     * checked against the filter's limits.
     *
     * @throws IllegalArgumentException when the filter does not allow flexible options, or an
     *                                  option is unknown or over its limit
     */
    public String flexibleUrl(String sourcePath, String options, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        checkOptions(options);
        return build(sourcePath, options, policy != SignaturePolicy.NONE, ttl, null);
    }

    /** As {@link #flexibleUrl(String, String, Duration)}, valid until {@code expires}. */
    public String flexibleUrl(String sourcePath, String options, Instant expires) {
        Objects.requireNonNull(expires, "expires");
        checkOptions(options);
        return build(sourcePath, options, policy != SignaturePolicy.NONE, null, expires);
    }

    /** True when URLs of this preset carry a token. */
    public boolean requiresToken(String presetName) {
        return policy == SignaturePolicy.ALL && !requirePreset(presetName).publicAccess();
    }

    public Optional<Preset> preset(String name) {
        return Optional.ofNullable(presets.get(name));
    }

    public Collection<Preset> presets() {
        return presets.all();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Optional<UrlSigner> signer() {
        return Optional.ofNullable(signer);
    }

    /**
     * Percent-encodes each segment of a path as UTF-8, keeping only RFC 3986 unreserved
     * characters, so the result is exactly what a browser sends and what the filter accepts.
     *
     * @throws IllegalArgumentException for an empty path or segment, or a {@code .}/{@code ..} segment
     */
    public static String encodePath(String sourcePath) {
        Objects.requireNonNull(sourcePath, "sourcePath");
        String path = sourcePath.startsWith("/") ? sourcePath.substring(1) : sourcePath;
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("source path [" + sourcePath + "] has an empty, '.' or '..' segment");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(PathEncoding.encodeSegment(segment));
        }
        return out.toString();
    }

    /**
     * True when the filter would serve an original of this (decoded) source path through a URL
     * that every supported container passes on. Not servable: empty, {@code .} or {@code ..}
     * segments, hidden files, names ending with a dot or space, control characters, {@code \},
     * {@code :}, {@code ;}, and any {@code %} (a {@code %} before two hex digits looks like a
     * second encoding to the filter, and Jetty 12 refuses {@code %25} in a path by default).
     * Lists of originals (a gallery, a sitemap) use this to skip what they could not link to.
     */
    public static boolean isServable(String sourcePath) {
        if (sourcePath == null || sourcePath.indexOf('%') >= 0) {
            return false;
        }
        String decoded = sourcePath.startsWith("/") ? sourcePath.substring(1) : sourcePath;
        try {
            SourcePathParser.parse(encodePath(decoded));
            return true;
        } catch (IllegalArgumentException | SourcePathParser.UnsafePathException e) {
            return false;
        }
    }

    private Preset requirePreset(String name) {
        Preset preset = presets.get(name);
        if (preset == null) {
            throw new IllegalArgumentException("unknown preset [" + name + "]; the presets are " + presets);
        }
        return preset;
    }

    private void checkOptions(String options) {
        if (flexibleOptions == null) {
            throw new IllegalArgumentException("flexible options are not enabled for these images; use a preset");
        }
        flexibleOptions.parse(options);
    }

    private String build(String sourcePath, String variant, boolean signed, Duration ttl, Instant expires) {
        String decoded = sourcePath.startsWith("/") ? sourcePath.substring(1) : sourcePath;
        String encoded = encodePath(decoded);
        try {
            SourcePathParser.parse(encoded); // a URL the filter would refuse is no URL to hand out
        } catch (SourcePathParser.UnsafePathException e) {
            throw new IllegalArgumentException("source path [" + sourcePath + "] would be refused by the filter: " + e.getMessage());
        }
        String path = baseUrl + "/" + variant + "/" + encoded;
        if (!signed) {
            return path;
        }
        // The signature covers exactly what the browser will send: the path part of an absolute base.
        int pathStart = pathStart(path);
        String origin = path.substring(0, pathStart);
        String rawPath = path.substring(pathStart);
        String signedPath = ttl != null ? signer.sign(rawPath, decoded, variant, ttl) : signer.sign(rawPath, decoded, variant, expires);
        return origin + signedPath;
    }

    private static int pathStart(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return 0;
        }
        int slash = url.indexOf('/', scheme + 3);
        return slash < 0 ? url.length() : slash;
    }

    @Override
    public String toString() {
        return "ImageUrls[" + baseUrl + ", presets " + presets + ", tokens " + policy.configName() + "]";
    }
}

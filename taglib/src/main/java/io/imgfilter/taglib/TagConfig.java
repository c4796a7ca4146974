package io.imgfilter.taglib;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.PlaceholderResolver;
import io.imgfilter.config.SignaturePolicy;
import io.imgfilter.request.Limits;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.PresetTable;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tag library's settings for one webapp, read from its {@code imgfilter.*} context-params
 * once and kept in a context attribute, and the one place that decides which {@link ImageUrls} a
 * tag uses:
 *
 * <ol>
 *   <li>the filter the tag names ({@code filter="…"}), else the one context-param
 *       {@code imgfilter.filter} names;</li>
 *   <li>else, when {@code imgfilter.base-url} is set, an {@code ImageUrls} built from the
 *       context-params, for images served by another server or a CDN;</li>
 *   <li>else the first {@link io.imgfilter.ImageResizingFilter} of this webapp.</li>
 * </ol>
 *
 * Immutable; every error message names the context-param, the value (never a key) and what is
 * allowed.
 */
final class TagConfig {

    /** The context attribute holding the parsed settings. */
    static final String ATTRIBUTE = TagConfig.class.getName();

    private static final String FILTER_ATTRIBUTE_PREFIX = ImageUrls.CONTEXT_ATTRIBUTE + ".";

    private final Lifetime defaultLifetime;
    private final String defaultFilter;
    private final ImageUrls remote;

    private TagConfig(Lifetime defaultLifetime, String defaultFilter, ImageUrls remote) {
        this.defaultLifetime = defaultLifetime;
        this.defaultFilter = defaultFilter;
        this.remote = remote;
    }

    /**
     * The settings of this webapp, parsed on first use (normally by {@link ImageTagListener} at
     * start-up) and then taken from the context attribute.
     *
     * @throws ImageTagException when a context-param is invalid
     */
    static TagConfig of(ServletContext context) {
        Object cached = context.getAttribute(ATTRIBUTE);
        if (cached instanceof TagConfig config) {
            return config;
        }
        TagConfig parsed = parse(context);
        context.setAttribute(ATTRIBUTE, parsed);
        return parsed;
    }

    static TagConfig parse(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (name.startsWith(ContextParam.PREFIX)) {
                params.put(name, context.getInitParameter(name));
            }
        }
        return parse(params, PlaceholderResolver.forThisProcess());
    }

    /**
     * @param params the {@code imgfilter.*} context-params, as written
     * @throws ImageTagException naming the first invalid one
     */
    static TagConfig parse(Map<String, String> params, PlaceholderResolver resolver) {
        Map<ContextParam, String> values = new EnumMap<>(ContextParam.class);
        for (Map.Entry<String, String> entry : params.entrySet()) {
            ContextParam param = ContextParam.byName(entry.getKey());
            if (param == null) {
                if (!entry.getKey().startsWith(ContextParam.PREFIX)) {
                    continue;
                }
                String hint = ContextParam.suggestionFor(entry.getKey());
                throw new ImageTagException(prefix() + "unknown context-param [" + entry.getKey() + "]"
                        + (hint == null ? "" : " (did you mean [" + hint + "]?)")
                        + "; the names starting with imgfilter. are the tag library's, known ones are: " + ContextParam.knownNames());
            }
            String raw = entry.getValue() == null ? "" : entry.getValue().strip();
            String resolved;
            try {
                resolved = resolver.resolve(raw).strip();
            } catch (IllegalArgumentException e) {
                throw invalid(param, raw, e.getMessage());
            }
            if (!resolved.isEmpty()) {
                values.put(param, resolved);
            }
        }

        Lifetime defaultLifetime;
        String ttl = values.getOrDefault(ContextParam.DEFAULT_TTL, ContextParam.DEFAULT_TTL.defaultValue());
        try {
            defaultLifetime = Lifetime.parseTtl(ttl);
        } catch (ImageTagException e) {
            throw invalid(ContextParam.DEFAULT_TTL, ttl, e.getMessage());
        }
        String defaultFilter = values.get(ContextParam.FILTER);

        String baseUrl = values.get(ContextParam.BASE_URL);
        if (baseUrl == null) {
            for (ContextParam param : values.keySet()) {
                if (param.describesRemoteImages()) {
                    throw new ImageTagException(prefix() + "context-param [" + param.paramName() + "] is set but ["
                            + ContextParam.BASE_URL.paramName() + "] is not; the context-params for signing without a filter"
                            + " need the base URL the images are served from (e.g. https://cdn.example.com/images),"
                            + " or remove them to use the ImageResizingFilter of this webapp");
                }
            }
            return new TagConfig(defaultLifetime, defaultFilter, null);
        }
        return new TagConfig(defaultLifetime, defaultFilter, remoteUrls(values, baseUrl));
    }

    private static ImageUrls remoteUrls(Map<ContextParam, String> values, String baseUrl) {
        checkBaseUrl(baseUrl);
        int maxWidth = integer(values, ContextParam.MAX_WIDTH, Limits.ABSOLUTE_MAX_DIMENSION);
        int maxHeight = integer(values, ContextParam.MAX_HEIGHT, Limits.ABSOLUTE_MAX_DIMENSION);
        int maxDpr = integer(values, ContextParam.MAX_DPR, 5);
        OptionsParser options = new OptionsParser(new Limits(maxWidth, maxHeight, maxDpr));

        PresetTable presets = PresetTable.empty();
        String presetSpec = values.get(ContextParam.PRESETS);
        if (presetSpec != null) {
            try {
                presets = PresetTable.parseInline(presetSpec, options);
            } catch (IllegalArgumentException e) {
                throw invalid(ContextParam.PRESETS, presetSpec, e.getMessage()
                        + "; presets are written one per line or separated by ';', as name: width=300,fit=cover,public,"
                        + " the same as the filter's init-param [presets]");
            }
        }
        boolean flexible = bool(values, ContextParam.FLEXIBLE_OPTIONS);
        if (presets.isEmpty() && !flexible) {
            throw new ImageTagException(prefix() + "context-param [" + ContextParam.BASE_URL.paramName() + "] is set, but there are"
                    + " no presets ([" + ContextParam.PRESETS.paramName() + "]) and [" + ContextParam.FLEXIBLE_OPTIONS.paramName()
                    + "] is false, so no image URL could be made; copy the presets of the filter that serves the images");
        }

        KeyRing keys = null;
        String keySpec = values.get(ContextParam.SIGNING_KEYS);
        if (keySpec != null) {
            try {
                keys = KeyRing.parse(keySpec);
            } catch (IllegalArgumentException e) {
                // a secret: say what is wrong, never what it is
                throw new ImageTagException(prefix() + "context-param [" + ContextParam.SIGNING_KEYS.paramName() + "] is not valid: "
                        + e.getMessage() + "; expected secret or id:secret entries separated by commas, newest first,"
                        + " e.g. k2:${env:IMAGE_KEY_NEW},k1:${env:IMAGE_KEY_OLD}");
            }
        }
        String schemeName = values.getOrDefault(ContextParam.SIGNING_SCHEME, ContextParam.SIGNING_SCHEME.defaultValue());
        SigningScheme scheme;
        try {
            scheme = SigningScheme.fromConfigName(schemeName);
        } catch (IllegalArgumentException e) {
            throw invalid(ContextParam.SIGNING_SCHEME, schemeName, "expected one of " + SigningScheme.allowedNames());
        }
        String policyName = values.get(ContextParam.SIGNATURE_REQUIRED);
        SignaturePolicy policy;
        if (policyName == null) {
            if (keys == null) {
                throw new ImageTagException(prefix() + "context-param [" + ContextParam.BASE_URL.paramName() + "] is set but ["
                        + ContextParam.SIGNING_KEYS.paramName() + "] is not, so no URL could be signed; set it to the signing key"
                        + " of the filter that serves the images (e.g. ${env:IMAGE_SIGNING_KEY}), or set ["
                        + ContextParam.SIGNATURE_REQUIRED.paramName() + "] to none if that filter accepts unsigned URLs");
            }
            policy = SignaturePolicy.ALL;
        } else {
            policy = SignaturePolicy.byConfigName(policyName);
            if (policy == null) {
                throw invalid(ContextParam.SIGNATURE_REQUIRED, policyName, "expected " + SignaturePolicy.ALLOWED);
            }
            if (policy != SignaturePolicy.NONE && keys == null) {
                throw new ImageTagException(prefix() + "context-param [" + ContextParam.SIGNATURE_REQUIRED.paramName() + "]:["
                        + policyName + "] needs a key, but [" + ContextParam.SIGNING_KEYS.paramName() + "] is not set");
            }
        }
        UrlSigner signer = keys == null ? null : new UrlSigner(keys, scheme, Clock.systemUTC());
        return new ImageUrls(baseUrl, presets, flexible ? options : null, signer, policy);
    }

    private static void checkBaseUrl(String baseUrl) {
        String lower = baseUrl.toLowerCase(Locale.ROOT);
        boolean absolute = lower.startsWith("http://") || lower.startsWith("https://");
        int hostStart = absolute ? baseUrl.indexOf("://") + 3 : 0;
        boolean path = baseUrl.startsWith("/") && !baseUrl.startsWith("//");
        boolean hasHost = absolute && hostStart < baseUrl.length() && baseUrl.charAt(hostStart) != '/';
        boolean clean = true;
        for (int i = 0; i < baseUrl.length(); i++) {
            char c = baseUrl.charAt(i);
            if (c <= ' ' || c == '?' || c == '#' || c == '"' || c == '<' || c == '>' || c == '\\' || c >= 0x7f) {
                clean = false;
                break;
            }
        }
        if (!(path || hasHost) || !clean) {
            throw invalid(ContextParam.BASE_URL, baseUrl, "expected an absolute http(s) URL such as https://cdn.example.com/images"
                    + " or a path on this host such as /images (used as is: the context path is not added),"
                    + " without query, fragment, spaces or non-ASCII characters");
        }
    }

    private static int integer(Map<ContextParam, String> values, ContextParam param, int max) {
        String value = values.getOrDefault(param, param.defaultValue());
        if (value.length() <= 6 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= max) {
                return number;
            }
        }
        throw invalid(param, value, "expected a whole number from 1 to " + max);
    }

    private static boolean bool(Map<ContextParam, String> values, ContextParam param) {
        String value = values.getOrDefault(param, param.defaultValue()).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(param, values.get(param), "expected true or false");
        };
    }

    private static ImageTagException invalid(ContextParam param, String value, String allowed) {
        return new ImageTagException(prefix() + "context-param [" + param.paramName() + "]:[" + value + "] is not valid; " + allowed);
    }

    private static String prefix() {
        return "imgfilter tag library: ";
    }

    /** Lifetime of signed URLs when a tag gives neither ttl nor expires. */
    Lifetime defaultLifetime() {
        return defaultLifetime;
    }

    /** The URLs built from context-params, or null when {@code imgfilter.base-url} is not set. */
    ImageUrls remote() {
        return remote;
    }

    /**
     * The URLs a tag makes.
     *
     * @param filterName the tag's {@code filter} attribute, null or empty for the default
     * @throws ImageTagException when there is no such filter, or nothing is configured
     */
    ImageUrls imageUrls(ServletContext context, String filterName) {
        String name = filterName == null || filterName.isEmpty() ? defaultFilter : filterName;
        if (name != null) {
            ImageUrls urls = ImageUrls.lookup(context, name);
            if (urls == null) {
                List<String> names = filterNames(context);
                throw new ImageTagException("no ImageResizingFilter named [" + name + "] has started in this webapp; "
                        + (names.isEmpty() ? "no filter has" : "the filters are " + names)
                        + (name.equals(filterName) ? "; fix the tag's filter attribute" : "; fix context-param [" + ContextParam.FILTER.paramName() + "]")
                        + " or declare the filter in web.xml");
            }
            return urls;
        }
        if (remote != null) {
            return remote;
        }
        ImageUrls urls = ImageUrls.lookup(context, null);
        if (urls == null) {
            throw new ImageTagException("no image URLs are configured for this webapp: no io.imgfilter.ImageResizingFilter"
                    + " has started in it and context-param [" + ContextParam.BASE_URL.paramName() + "] is not set."
                    + " Declare the filter in web.xml, or, when the images are served by another server or a CDN, set the"
                    + " context-params " + ContextParam.BASE_URL.paramName() + ", " + ContextParam.PRESETS.paramName()
                    + " and " + ContextParam.SIGNING_KEYS.paramName());
        }
        return urls;
    }

    /**
     * Where {@code urls} come from and where their presets are declared, for error messages
     * (looked up only when something went wrong).
     */
    String origin(ServletContext context, ImageUrls urls) {
        if (urls == remote) {
            return "URLs from context-params imgfilter.*, presets in [" + ContextParam.PRESETS.paramName() + "]";
        }
        for (String attribute : Collections.list(context.getAttributeNames())) {
            if (attribute.startsWith(FILTER_ATTRIBUTE_PREFIX) && context.getAttribute(attribute) == urls) {
                return "URLs of filter [" + attribute.substring(FILTER_ATTRIBUTE_PREFIX.length()) + "], presets in its init-param [presets]";
            }
        }
        return "URLs of " + urls;
    }

    private static List<String> filterNames(ServletContext context) {
        List<String> names = new ArrayList<>();
        for (String attribute : Collections.list(context.getAttributeNames())) {
            if (attribute.startsWith(FILTER_ATTRIBUTE_PREFIX)) {
                names.add(attribute.substring(FILTER_ATTRIBUTE_PREFIX.length()));
            }
        }
        Collections.sort(names);
        return names;
    }
}

package io.imgfilter.taglib;

import io.imgfilter.config.Suggestions;
import java.util.Arrays;
import java.util.Locale;

/**
 * The context-params (web.xml {@code <context-param>}) the tag library reads. The prefix
 * {@code imgfilter.} is the library's: an unknown name under it is refused as a likely typo.
 */
enum ContextParam {
    /** Lifetime of signed URLs when a tag gives neither ttl nor expires. */
    DEFAULT_TTL("imgfilter.default-ttl", "1h"),
    /** The filter whose URLs tags make when they do not name one. */
    FILTER("imgfilter.filter", null),
    /** Where the images are served when no filter of this webapp serves them; switches to signing from context-params. */
    BASE_URL("imgfilter.base-url", null),
    PRESETS("imgfilter.presets", null),
    FLEXIBLE_OPTIONS("imgfilter.flexible-options", "false"),
    MAX_WIDTH("imgfilter.max-width", "2000"),
    MAX_HEIGHT("imgfilter.max-height", "2000"),
    MAX_DPR("imgfilter.max-dpr", "3"),
    SIGNING_KEYS("imgfilter.signing-keys", null),
    SIGNING_SCHEME("imgfilter.signing-scheme", "path-and-query"),
    SIGNATURE_REQUIRED("imgfilter.signature-required", null);

    static final String PREFIX = "imgfilter.";

    private final String paramName;
    private final String defaultValue;

    ContextParam(String paramName, String defaultValue) {
        this.paramName = paramName;
        this.defaultValue = defaultValue;
    }

    String paramName() {
        return paramName;
    }

    String defaultValue() {
        return defaultValue;
    }

    /** True for the params that describe images served elsewhere and so need {@link #BASE_URL}. */
    boolean describesRemoteImages() {
        return this != DEFAULT_TTL && this != FILTER && this != BASE_URL;
    }

    static ContextParam byName(String name) {
        for (ContextParam param : values()) {
            if (param.paramName.equals(name)) {
                return param;
            }
        }
        return null;
    }

    static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(ContextParam::paramName).toList());
    }

    /** The known name closest to a misspelt one, or null when none is close. */
    static String suggestionFor(String unknown) {
        return Suggestions.closest(unknown, java.util.Arrays.stream(values()).map(p -> p.paramName).toList(), 3).orElse(null);
    }
}

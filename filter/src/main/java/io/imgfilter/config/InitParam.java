package io.imgfilter.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every init-param the filter understands, with its default: the one list that validation, the
 * "unknown init-param" message and the documentation check are built from.
 */
public enum InitParam {
    SOURCE("source", null),
    PRESETS("presets", null),
    PRESETS_FILE("presets-file", null),
    FLEXIBLE_OPTIONS("flexible-options", "false"),
    MAX_WIDTH("max-width", "2000"),
    MAX_HEIGHT("max-height", "2000"),
    MAX_DPR("max-dpr", "3"),
    MAX_SOURCE_PIXELS("max-source-pixels", "50000000"),
    MAX_SOURCE_BYTES("max-source-bytes", "25MB"),
    DEFAULT_QUALITY("default-quality", "85"),
    CACHE_MAX_AGE("cache-max-age", "1d"),
    SERVER_TIMING("server-timing", "false"),
    CACHE_TAG_HEADER("cache-tag-header", null),
    PATH_PREFIX("path-prefix", null),
    SIGNING_KEYS("signing-keys", null),
    SIGNATURE_REQUIRED("signature-required", null),
    SIGNING_SCHEME("signing-scheme", "path-and-query"),
    SIGNATURE_LEEWAY("signature-leeway", "30s"),
    MAX_TOKEN_LIFETIME("max-token-lifetime", null),
    CACHE_SIZE("cache-size", "64MB"),
    CACHE_DIRECTORY("cache-directory", null),
    CACHE_DIRECTORY_SIZE("cache-directory-size", "1GB"),
    RENDER_THREADS("render-threads", null),
    RENDER_QUEUE("render-queue", "64"),
    RENDER_TIMEOUT("render-timeout", "10s"),
    RENDER_MEMORY("render-memory", "25%"),
    MAX_SOURCE_SCANS("max-source-scans", "100"),
    ORIGIN_HEADERS("origin-headers", null),
    ORIGIN_AUTH("origin-auth", "private"),
    ORIGIN_CONNECT_TIMEOUT("origin-connect-timeout", "3s"),
    ORIGIN_TIMEOUT("origin-timeout", "10s"),
    ORIGIN_MAX_CONNECTIONS("origin-max-connections", "16"),
    ORIGIN_CACHE_SIZE("origin-cache-size", "32MB"),
    ORIGIN_STALE_IF_ERROR("origin-stale-if-error", "1d"),
    S3_ENDPOINT("s3-endpoint", null),
    S3_REGION("s3-region", "us-east-1"),
    S3_PATH_STYLE("s3-path-style", "auto"),
    S3_ACCESS_KEY_ID("s3-access-key-id", null),
    S3_SECRET_ACCESS_KEY("s3-secret-access-key", null),
    S3_SESSION_TOKEN("s3-session-token", null),
    RESULT_STORE("result-store", null),
    RESULT_STORE_ENDPOINT("result-store-endpoint", null),
    RESULT_STORE_REGION("result-store-region", "us-east-1"),
    RESULT_STORE_PATH_STYLE("result-store-path-style", "auto"),
    RESULT_STORE_ACCESS_KEY_ID("result-store-access-key-id", null),
    RESULT_STORE_SECRET_ACCESS_KEY("result-store-secret-access-key", null);

    private final String paramName;
    private final String defaultValue;

    InitParam(String paramName, String defaultValue) {
        this.paramName = paramName;
        this.defaultValue = defaultValue;
    }

    /** The name written in web.xml. */
    public String paramName() {
        return paramName;
    }

    /** The value used when web.xml does not set it, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public static Optional<InitParam> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.paramName.equals(name)).findFirst();
    }

    /** The known names, comma-separated, for error messages. */
    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(InitParam::paramName).toList());
    }

    /** The known name closest to a misspelt one, if any is close enough to be a likely typo. */
    public static Optional<String> suggestionFor(String unknown) {
        return Suggestions.closest(unknown, Arrays.stream(values()).map(InitParam::paramName).toList(), 2);
    }
}

package io.imgfilter.config;

import io.imgfilter.render.MemoryBudget;
import io.imgfilter.source.ImageSource;
import io.imgfilter.source.origin.HttpBaseUrl;
import io.imgfilter.source.origin.HttpOriginSource;
import io.imgfilter.source.origin.OriginHeaders;
import io.imgfilter.source.origin.OriginOptions;
import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The init-params of remote sources: {@code source} as an {@code http(s)://} base URL or an
 * {@code s3://bucket/prefix}, the {@code origin-*} settings of the connection and the {@code s3-*}
 * settings of a bucket. Secret values (header values, keys, tokens) never appear in a message.
 */
final class OriginSourceParser {

    private static final System.Logger LOG = System.getLogger(SettingsParser.class.getName());
    static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    private static final List<InitParam> ORIGIN_PARAMS = List.of(InitParam.ORIGIN_HEADERS, InitParam.ORIGIN_AUTH,
            InitParam.ORIGIN_CONNECT_TIMEOUT, InitParam.ORIGIN_TIMEOUT, InitParam.ORIGIN_MAX_CONNECTIONS,
            InitParam.ORIGIN_CACHE_SIZE, InitParam.ORIGIN_STALE_IF_ERROR);
    private static final List<InitParam> S3_PARAMS = List.of(InitParam.S3_ENDPOINT, InitParam.S3_REGION,
            InitParam.S3_PATH_STYLE, InitParam.S3_ACCESS_KEY_ID, InitParam.S3_SECRET_ACCESS_KEY, InitParam.S3_SESSION_TOKEN);

    private final SettingsParser.Values values;

    OriginSourceParser(SettingsParser.Values values) {
        this.values = values;
    }

    static boolean isRemote(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("s3:");
    }

    /** A hidden HTTP(S) origin or an S3 bucket. */
    ImageSource parse(String spec, long maxSourceBytes, MemoryBudget renderMemory) throws InvalidConfigException {
        boolean s3 = spec.toLowerCase(Locale.ROOT).startsWith("s3:");
        OriginHeaders headers = headers();
        OriginOptions options = options(maxSourceBytes);
        if (!s3) {
            ignored(S3_PARAMS, "the source is not an s3:// bucket");
            HttpBaseUrl base;
            try {
                base = HttpBaseUrl.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException("Filter [" + values.filterName() + "]: init-param [source]:["
                        + redacted(spec) + "] is not valid: " + e.getMessage());
            }
            if (!headers.isEmpty() && spec.toLowerCase(Locale.ROOT).startsWith("http:") && !isLoopback(base)) {
                LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + values.filterName() + "] sends origin-headers "
                        + headers + " over plain http; use https unless the origin is on this machine or a private network");
            }
            return HttpOriginSource.http(base, headers, options, null, renderMemory);
        }
        if (!spec.startsWith("s3://")) {
            throw values.invalid(InitParam.SOURCE, spec, "s3://bucket or s3://bucket/prefix");
        }
        String region = values.optional(InitParam.S3_REGION).toLowerCase(Locale.ROOT);
        if (!REGION.matcher(region).matches()) {
            throw values.invalid(InitParam.S3_REGION, region, "a region name such as us-east-1 or eu-west-3");
        }
        String endpoint = values.explicit(InitParam.S3_ENDPOINT);
        String style = values.optional(InitParam.S3_PATH_STYLE).toLowerCase(Locale.ROOT);
        Boolean pathStyle = switch (style) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw values.invalid(InitParam.S3_PATH_STYLE, style, "true, false or auto");
        };
        S3Location location;
        try {
            location = S3Location.parse(spec, endpoint, region, pathStyle);
        } catch (IllegalArgumentException e) {
            InitParam param = e.getMessage().startsWith("the endpoint") ? InitParam.S3_ENDPOINT : InitParam.SOURCE;
            String value = param == InitParam.S3_ENDPOINT ? redacted(endpoint) : spec;
            throw new InvalidConfigException("Filter [" + values.filterName() + "]: init-param [" + param.paramName()
                    + "]:[" + value + "] is not valid: " + e.getMessage());
        }
        String keyId = values.explicit(InitParam.S3_ACCESS_KEY_ID);
        String secret = values.explicit(InitParam.S3_SECRET_ACCESS_KEY);
        String token = values.explicit(InitParam.S3_SESSION_TOKEN);
        warnIfInClear(InitParam.S3_SECRET_ACCESS_KEY);
        warnIfInClear(InitParam.S3_SESSION_TOKEN);
        SigV4Signer signer = null;
        if (keyId != null || secret != null) {
            if (keyId == null || secret == null) {
                InitParam missing = keyId == null ? InitParam.S3_ACCESS_KEY_ID : InitParam.S3_SECRET_ACCESS_KEY;
                throw new InvalidConfigException("Filter [" + values.filterName() + "]: init-param [" + missing.paramName()
                        + "] is required with [" + (keyId == null ? InitParam.S3_SECRET_ACCESS_KEY : InitParam.S3_ACCESS_KEY_ID)
                                .paramName() + "]; set both (from ${env:…}) to sign requests, or neither for a public bucket");
            }
            if (!keyId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw values.invalidSecret(InitParam.S3_ACCESS_KEY_ID, "expected printable ASCII without spaces");
            }
            if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw values.invalidSecret(InitParam.S3_SECRET_ACCESS_KEY, "expected printable ASCII without spaces");
            }
            if (token != null && !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw values.invalidSecret(InitParam.S3_SESSION_TOKEN, "expected printable ASCII without spaces");
            }
            if (headers.has("Authorization")) {
                throw values.invalidSecret(InitParam.ORIGIN_HEADERS,
                        "an Authorization header cannot be sent to S3 together with signed requests (s3-access-key-id)");
            }
            signer = new SigV4Signer(keyId, secret, token, region, "s3", Clock.systemUTC());
        } else if (token != null) {
            throw new InvalidConfigException("Filter [" + values.filterName() + "]: init-param [s3-session-token] needs"
                    + " [s3-access-key-id] and [s3-secret-access-key]");
        }
        return HttpOriginSource.s3(location, headers, signer, options, renderMemory);
    }

    /** Logs the origin and S3 settings that a local source ignores. */
    void warnIgnoredForLocalSource() throws InvalidConfigException {
        List<InitParam> all = new java.util.ArrayList<>(ORIGIN_PARAMS);
        all.addAll(S3_PARAMS);
        // An origin-headers whose values are all empty sends nothing: the demo's
        // "Authorization: ${env:IMAGE_ORIGIN_AUTHORIZATION|}" must stay silent without an origin.
        if (headers().isEmpty()) {
            all.remove(InitParam.ORIGIN_HEADERS);
        }
        ignored(all, "the source is not an http(s):// origin or s3:// bucket");
    }

    private void ignored(List<InitParam> params, String reason) throws InvalidConfigException {
        for (InitParam param : params) {
            if (values.explicit(param) != null) {
                LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + values.filterName() + "]: init-param ["
                        + param.paramName() + "] is ignored: " + reason);
            }
        }
    }

    private OriginHeaders headers() throws InvalidConfigException {
        String text = values.explicit(InitParam.ORIGIN_HEADERS);
        try {
            OriginHeaders headers = OriginHeaders.parse(text);
            if (!headers.isEmpty()) {
                warnIfInClear(InitParam.ORIGIN_HEADERS);
            }
            return headers;
        } catch (IllegalArgumentException e) {
            throw values.invalidSecret(InitParam.ORIGIN_HEADERS, e.getMessage()
                    + "; expected one header per line, as Authorization: Bearer ${env:ORIGIN_TOKEN}");
        }
    }

    private OriginOptions options(long maxSourceBytes) throws InvalidConfigException {
        Duration connect = timeout(InitParam.ORIGIN_CONNECT_TIMEOUT);
        Duration total = timeout(InitParam.ORIGIN_TIMEOUT);
        int maxConnections = values.integer(InitParam.ORIGIN_MAX_CONNECTIONS, 1, 1000);
        long cacheBytes = values.byteSize(InitParam.ORIGIN_CACHE_SIZE, 0, 1L << 30);
        String auth = values.optional(InitParam.ORIGIN_AUTH).toLowerCase(Locale.ROOT);
        boolean sharePublicly = switch (auth) {
            case "private" -> false;
            case "share-publicly" -> true;
            default -> throw values.invalid(InitParam.ORIGIN_AUTH, auth, "private or share-publicly");
        };
        Duration staleIfError = values.duration(InitParam.ORIGIN_STALE_IF_ERROR);
        return new OriginOptions(connect, total, maxConnections, maxSourceBytes, cacheBytes, sharePublicly, staleIfError);
    }

    private Duration timeout(InitParam param) throws InvalidConfigException {
        Duration duration = values.duration(param);
        if (duration.isZero() || duration.compareTo(MAX_TIMEOUT) > 0) {
            throw values.invalid(param, values.optional(param), "from 1s to 10m, e.g. 5s");
        }
        return duration;
    }

    private void warnIfInClear(InitParam param) {
        String written = values.written(param);
        if (written != null && !written.isBlank() && !written.contains("${")) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + values.filterName() + "]: init-param ["
                    + param.paramName() + "] holds a secret written in clear; use ${env:NAME} or ${sys:name}");
        }
    }

    private static boolean isLoopback(HttpBaseUrl base) {
        String host = base.hostName();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** A URL without its user info, which may hold a password. */
    static String redacted(String url) {
        if (url == null) {
            return "";
        }
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            return url.substring(0, scheme + 3) + "…@" + url.substring(at + 1);
        }
        return url;
    }
}

package io.imgfilter.config;

import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The {@code result-store-*} init-params: an S3 bucket shared by every node, behind the result
 * cache. The store signs with its own keys: it never borrows the source's {@code s3-*}
 * credentials, so a read-only key for the originals stays read-only. Secret values never appear
 * in a message.
 */
final class ResultStoreParser {

    private static final System.Logger LOG = System.getLogger(SettingsParser.class.getName());
    private static final List<InitParam> DETAILS = List.of(InitParam.RESULT_STORE_ENDPOINT, InitParam.RESULT_STORE_REGION,
            InitParam.RESULT_STORE_PATH_STYLE, InitParam.RESULT_STORE_ACCESS_KEY_ID, InitParam.RESULT_STORE_SECRET_ACCESS_KEY);

    private final SettingsParser.Values values;

    ResultStoreParser(SettingsParser.Values values) {
        this.values = values;
    }

    /** The store, or null when {@code result-store} is unset or empty (an unset variable: no store). */
    ResultStoreLocation parse() throws InvalidConfigException {
        String spec = values.explicit(InitParam.RESULT_STORE);
        if (spec == null) {
            for (InitParam param : DETAILS) {
                if (values.explicit(param) != null) {
                    LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + values.filterName() + "]: init-param ["
                            + param.paramName() + "] is ignored: [result-store] is not set");
                }
            }
            return null;
        }
        if (!spec.startsWith("s3://")) {
            throw values.invalid(InitParam.RESULT_STORE, spec, "s3://bucket or s3://bucket/prefix, a bucket shared by every node");
        }
        String region = values.optional(InitParam.RESULT_STORE_REGION).toLowerCase(Locale.ROOT);
        if (!OriginSourceParser.REGION.matcher(region).matches()) {
            throw values.invalid(InitParam.RESULT_STORE_REGION, region, "a region name such as us-east-1 or eu-west-3");
        }
        String endpoint = values.explicit(InitParam.RESULT_STORE_ENDPOINT);
        String style = values.optional(InitParam.RESULT_STORE_PATH_STYLE).toLowerCase(Locale.ROOT);
        Boolean pathStyle = switch (style) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw values.invalid(InitParam.RESULT_STORE_PATH_STYLE, style, "true, false or auto");
        };
        S3Location location;
        try {
            location = S3Location.parse(spec, endpoint, region, pathStyle);
        } catch (IllegalArgumentException e) {
            boolean ofEndpoint = e.getMessage().startsWith("the endpoint");
            InitParam param = ofEndpoint ? InitParam.RESULT_STORE_ENDPOINT : InitParam.RESULT_STORE;
            String value = ofEndpoint ? OriginSourceParser.redacted(endpoint) : spec;
            throw new InvalidConfigException("Filter [" + values.filterName() + "]: init-param [" + param.paramName()
                    + "]:[" + value + "] is not valid: " + e.getMessage());
        }
        String keyId = values.explicit(InitParam.RESULT_STORE_ACCESS_KEY_ID);
        String secret = values.explicit(InitParam.RESULT_STORE_SECRET_ACCESS_KEY);
        if (keyId == null || secret == null) {
            InitParam missing = keyId == null ? InitParam.RESULT_STORE_ACCESS_KEY_ID : InitParam.RESULT_STORE_SECRET_ACCESS_KEY;
            throw new InvalidConfigException("Filter [" + values.filterName() + "]: init-param [" + missing.paramName()
                    + "] is required with [result-store]:[" + spec + "]; set [result-store-access-key-id] and"
                    + " [result-store-secret-access-key] (from ${env:…}) to a key that may read and write the bucket;"
                    + " the store never uses the source's s3-* credentials");
        }
        if (!keyId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw values.invalidSecret(InitParam.RESULT_STORE_ACCESS_KEY_ID, "expected printable ASCII without spaces");
        }
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw values.invalidSecret(InitParam.RESULT_STORE_SECRET_ACCESS_KEY, "expected printable ASCII without spaces");
        }
        String written = values.written(InitParam.RESULT_STORE_SECRET_ACCESS_KEY);
        if (written != null && !written.contains("${")) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: filter [" + values.filterName() + "]: init-param ["
                    + InitParam.RESULT_STORE_SECRET_ACCESS_KEY.paramName()
                    + "] holds a secret written in clear; use ${env:NAME} or ${sys:name}");
        }
        return new ResultStoreLocation(location, new SigV4Signer(keyId, secret, null, region, "s3", Clock.systemUTC()), spec);
    }
}

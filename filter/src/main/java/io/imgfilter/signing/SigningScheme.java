package io.imgfilter.signing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an image URL's signature covers. Both schemes carry the token in the query parameters
 * {@code exp} (expiry, Unix seconds), {@code sig} (lower-case hex HMAC-SHA256) and optionally
 * {@code kid} (key id).
 */
public enum SigningScheme {

    /**
     * The default: signs {@code rawPath + "?" + rawQueryWithoutSig}, that is the request path exactly
     * as sent (context path included, percent-encoding untouched) and every query parameter but
     * {@code sig}, in order. Everything the server acts on is covered, including {@code exp},
     * {@code kid} and any other parameter. Compatible with Cloudflare's signed URL Worker example.
     */
    PATH_AND_QUERY("path-and-query"),

    /**
     * Signs {@code imageId + variant + exp}: the decoded source path, the preset name (or the raw
     * options segment) and the decimal expiry, concatenated without separators, as Cloudflare
     * Images does. For sites that already issue such tokens.
     *
     * <p>Weaker than {@link #PATH_AND_QUERY}: the mapping and context path are not covered, the
     * query may hold nothing but {@code exp}, {@code sig} and {@code kid}, and the missing
     * separators make a variant ending in a digit ambiguous with the start of {@code exp} (a token
     * for variant {@code w1} and expiry {@code X} also signs variant {@code w} with expiry
     * {@code 1X}). Configure a maximum lifetime on the verifier when using this scheme.
     */
    IMAGE_VARIANT_EXPIRY("image-variant-expiry");

    /** The scheme used when none is configured. */
    public static final SigningScheme DEFAULT = PATH_AND_QUERY;

    private final String configName;

    SigningScheme(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration and on the command line, e.g. {@code path-and-query}. */
    public String configName() {
        return configName;
    }

    /**
     * The scheme with the given configuration name (surrounding blanks and case ignored).
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static SigningScheme fromConfigName(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (SigningScheme scheme : values()) {
                if (scheme.configName.equals(wanted)) {
                    return scheme;
                }
            }
        }
        throw new IllegalArgumentException("[" + name + "] is not a signing scheme; allowed: " + allowedNames());
    }

    /** The configuration names, comma separated, for messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(SigningScheme::configName).collect(Collectors.joining(", "));
    }
}

package io.imgfilter.config;

import io.imgfilter.request.ImageRequest;
import java.util.Locale;

/** Which requests of a filter must carry a valid signed token. Public presets never need one. */
public enum SignaturePolicy {
    /** Every request except those for public presets. The default once a key is configured. */
    ALL,
    /** Only flexible option URLs; presets are served without a token. */
    FLEXIBLE,
    /** No request; keys, if any, are only used to sign (for example by the tag library). */
    NONE;

    public static final String ALLOWED = "all, flexible or none";

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the policy with that name, or null */
    public static SignaturePolicy byConfigName(String name) {
        for (SignaturePolicy policy : values()) {
            if (policy.configName().equals(name.toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        return null;
    }

    /** True when this request may only be served with a valid token. */
    public boolean requiresToken(ImageRequest request) {
        return switch (this) {
            case ALL -> request.isFlexible() || !request.preset().publicAccess();
            case FLEXIBLE -> request.isFlexible();
            case NONE -> false;
        };
    }
}

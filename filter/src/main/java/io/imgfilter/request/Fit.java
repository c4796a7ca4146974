package io.imgfilter.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the image is fitted into the requested box; the names and meanings are Cloudflare's. */
public enum Fit {
    /** Fit inside the box keeping the aspect ratio; never enlarge. The default. */
    SCALE_DOWN,
    /** Fit inside the box keeping the aspect ratio; enlarge when smaller. */
    CONTAIN,
    /** Fill the whole box, enlarging if needed, and crop what overflows. */
    COVER,
    /** Like cover for larger images, like scale-down for smaller ones: never enlarges. */
    CROP,
    /** Fit inside the box, then fill the rest of the box with the background colour. */
    PAD;

    private final String optionName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String optionName() {
        return optionName;
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(Fit::optionName).collect(Collectors.joining(", "));
    }

    /** @return the fit with that option name, or null */
    public static Fit byOptionName(String name) {
        for (Fit fit : values()) {
            if (fit.optionName.equals(name)) {
                return fit;
            }
        }
        return null;
    }
}

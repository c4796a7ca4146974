package io.imgfilter.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which part of the picture {@code fit=cover} and {@code fit=crop} keep when they cut: the centre
 * by default, or an edge or a corner.
 */
public enum Gravity {
    CENTER(0.5, 0.5),
    TOP(0.5, 0),
    BOTTOM(0.5, 1),
    LEFT(0, 0.5),
    RIGHT(1, 0.5),
    TOP_LEFT(0, 0),
    TOP_RIGHT(1, 0),
    BOTTOM_LEFT(0, 1),
    BOTTOM_RIGHT(1, 1);

    private final double x;
    private final double y;
    private final String optionName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    Gravity(double x, double y) {
        this.x = x;
        this.y = y;
    }

    /** Where the kept region sits horizontally: 0 at the left edge, 1 at the right. */
    public double x() {
        return x;
    }

    /** Where the kept region sits vertically: 0 at the top, 1 at the bottom. */
    public double y() {
        return y;
    }

    public String optionName() {
        return optionName;
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(Gravity::optionName).collect(Collectors.joining(", "));
    }

    /** @return the gravity with that name (Cloudflare's {@code center}, {@code top}, … and the corners), or null */
    public static Gravity byOptionName(String name) {
        for (Gravity gravity : values()) {
            if (gravity.optionName.equals(name)) {
                return gravity;
            }
        }
        return switch (name) {
            case "centre", "auto" -> CENTER;
            case "north" -> TOP;
            case "south" -> BOTTOM;
            case "west" -> LEFT;
            case "east" -> RIGHT;
            default -> null;
        };
    }
}

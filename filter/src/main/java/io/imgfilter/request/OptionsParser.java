package io.imgfilter.request;

import java.util.Locale;

/**
 * Parses resize options written {@code width=400,fit=cover,quality=80}: the syntax of flexible
 * URLs ({@code /images/width=400,quality=80/cat.jpg}) and of presets in web.xml. Cloudflare's
 * short names ({@code w}, {@code h}, {@code q}, {@code f}) are accepted too. Every value is
 * checked against its limit; the error message says which option and which limit, because that
 * message goes back to the client in a 400.
 */
public final class OptionsParser {

    /** The option names, for error messages. */
    public static final String ALLOWED = "width, height, fit, gravity, quality, format, background, dpr";

    private static final int MAX_OPTIONS_LENGTH = 256;
    private static final int MAX_QUOTED = 24;

    private final Limits limits;

    public OptionsParser(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** @throws IllegalArgumentException with a message fit for the client when anything is off */
    public ResizeOptions parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a width or a height is required");
        }
        if (text.length() > MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("resize options are too long");
        }
        int width = 0;
        int height = 0;
        Fit fit = null;
        int quality = 0;
        OutputFormat format = null;
        boolean auto = false;
        double dpr = 0;
        Gravity gravity = null;
        Background background = null;
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("malformed option " + quote(pair) + "; expected name=value");
            }
            String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).strip();
            switch (name) {
                case "width", "w" -> width = once(width, name, wholeNumber(name, value, limits.maxWidth()));
                case "height", "h" -> height = once(height, name, wholeNumber(name, value, limits.maxHeight()));
                case "quality", "q" -> quality = once(quality, name, wholeNumber(name, value, 100));
                case "fit" -> {
                    requireUnset(fit, name);
                    fit = Fit.byOptionName(value.toLowerCase(Locale.ROOT));
                    if (fit == null) {
                        throw new IllegalArgumentException("fit " + quote(value) + " is not one of " + Fit.allowedNames());
                    }
                }
                case "format", "f" -> {
                    if (format != null || auto) {
                        throw duplicate("format");
                    }
                    String lower = value.toLowerCase(Locale.ROOT);
                    auto = lower.equals("auto");
                    format = auto ? null : OutputFormat.byOptionName(lower);
                    if (format == null && !auto) {
                        throw new IllegalArgumentException("format " + quote(value) + " is not one of " + OutputFormat.allowedNames());
                    }
                }
                case "gravity", "g" -> {
                    requireUnset(gravity, "gravity");
                    gravity = Gravity.byOptionName(value.toLowerCase(Locale.ROOT));
                    if (gravity == null) {
                        throw new IllegalArgumentException("gravity " + quote(value) + " is not one of " + Gravity.allowedNames());
                    }
                }
                case "background", "bg" -> {
                    requireUnset(background, "background");
                    background = Background.parse(value);
                    if (background == null) {
                        throw new IllegalArgumentException("background " + quote(value) + " is not " + Background.ALLOWED);
                    }
                }
                case "dpr" -> {
                    if (dpr != 0) {
                        throw duplicate(name);
                    }
                    dpr = ratio(value);
                }
                default -> throw new IllegalArgumentException("unknown option " + quote(name) + "; allowed: " + ALLOWED);
            }
        }
        if (width == 0 && height == 0) {
            throw new IllegalArgumentException("a width or a height is required");
        }
        ResizeOptions options = new ResizeOptions(width, height, fit == null ? Fit.SCALE_DOWN : fit, quality, format,
                dpr == 0 ? 1.0 : dpr, gravity == null ? Gravity.CENTER : gravity, background, auto);
        checkPixelLimits(options);
        return options;
    }

    private void checkPixelLimits(ResizeOptions options) {
        if (options.pixelWidth() > limits.maxWidth()) {
            throw new IllegalArgumentException("width " + options.width() + " at dpr " + formatRatio(options.dpr())
                    + " is over the limit of " + limits.maxWidth() + " pixels");
        }
        if (options.pixelHeight() > limits.maxHeight()) {
            throw new IllegalArgumentException("height " + options.height() + " at dpr " + formatRatio(options.dpr())
                    + " is over the limit of " + limits.maxHeight() + " pixels");
        }
    }

    private static int wholeNumber(String name, String value, int max) {
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " " + quote(value) + " must be a whole number from 1 to " + max);
        }
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException(name + " must be from 1 to " + max);
        }
        if (number > max) {
            String unit = name.startsWith("q") ? "" : " pixels";
            throw new IllegalArgumentException(longName(name) + " " + number + " is over the limit of " + max + unit);
        }
        return number;
    }

    private double ratio(String value) {
        double dpr;
        try {
            dpr = value.length() <= 4 ? Double.parseDouble(value) : Double.NaN;
        } catch (NumberFormatException e) {
            dpr = Double.NaN;
        }
        if (!(dpr >= 1.0) || !value.matches("[0-9](\\.[0-9]{1,2})?")) {
            throw new IllegalArgumentException("dpr " + quote(value) + " must be a number from 1 to " + formatRatio(limits.maxDpr()));
        }
        if (dpr > limits.maxDpr()) {
            throw new IllegalArgumentException("dpr " + value + " is over the limit of " + formatRatio(limits.maxDpr()));
        }
        return dpr;
    }

    /**
     * The client's own text in brackets, cut short: error bodies stay short whatever the URL
     * holds (the URL syntax already keeps markup out of it).
     */
    private static String quote(String text) {
        return "[" + (text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...") + "]";
    }

    private static String longName(String name) {
        return switch (name) {
            case "w" -> "width";
            case "h" -> "height";
            case "q" -> "quality";
            case "g" -> "gravity";
            case "bg" -> "background";
            case "f" -> "format";
            default -> name;
        };
    }

    private static String formatRatio(double ratio) {
        return ratio == Math.rint(ratio) ? Integer.toString((int) ratio) : Double.toString(ratio);
    }

    private static int once(int current, String name, int value) {
        if (current != 0) {
            throw duplicate(name);
        }
        return value;
    }

    private static void requireUnset(Object current, String name) {
        if (current != null) {
            throw duplicate(name);
        }
    }

    private static IllegalArgumentException duplicate(String name) {
        return new IllegalArgumentException("option [" + longName(name) + "] is given twice");
    }
}

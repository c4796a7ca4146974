package io.imgfilter.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses the short lifetimes people write in web.xml, JSP attributes and on the command line:
 * plain seconds ({@code 3600}) or a number with one unit ({@code 90s}, {@code 30m}, {@code 1h},
 * {@code 1d}, {@code 2w}).
 */
public final class Durations {

    /** The accepted forms, for error messages. */
    public static final String ALLOWED = "seconds (3600) or a number with a unit s, m, h, d or w (30m, 1h, 1d)";

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the value and the allowed forms when it is malformed,
     *                                  negative or too large
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration; expected " + ALLOWED);
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        char unit = value.charAt(value.length() - 1);
        long unitSeconds;
        String digits;
        if (Character.isDigit(unit)) {
            unitSeconds = 1;
            digits = value;
        } else {
            unitSeconds = switch (unit) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3_600;
                case 'd' -> 86_400;
                case 'w' -> 604_800;
                default -> throw new IllegalArgumentException(
                        "[" + text + "] is not a duration; expected " + ALLOWED);
            };
            digits = value.substring(0, value.length() - 1);
        }
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("[" + text + "] is not a duration; expected " + ALLOWED);
        }
        return Duration.ofSeconds(Math.multiplyExact(Long.parseLong(digits), unitSeconds));
    }
}

package io.imgfilter.config;

import java.util.Locale;

/** Parses byte counts written {@code 26214400}, {@code 512KB}, {@code 25MB} or {@code 1GB} (powers of 1024). */
public final class ByteSizes {

    public static final String ALLOWED = "a number of bytes, optionally with KB, MB or GB (25MB)";

    private ByteSizes() {
    }

    public static long parse(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (value.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                value = value.substring(0, value.length() - suffix[0].length()).strip();
                break;
            }
        }
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("expected " + ALLOWED);
        }
        return Math.multiplyExact(Long.parseLong(value), unit);
    }
}

package io.imgfilter.cli;

import java.time.Duration;

/** Formats a duration the way people say it: {@code 45s}, {@code 59m 12s}, {@code 3h}, {@code 2d 4h}. */
final class HumanDuration {

    private static final long[] UNIT_SECONDS = {86_400, 3_600, 60, 1};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s"};

    private HumanDuration() {
    }

    /** The largest unit and, when not zero, the next one; whole seconds, sign ignored. */
    static String format(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        for (int unit = 0; unit < UNIT_SECONDS.length; unit++) {
            long count = seconds / UNIT_SECONDS[unit];
            if (count > 0 || unit == UNIT_SECONDS.length - 1) {
                StringBuilder text = new StringBuilder().append(count).append(UNIT_NAMES[unit]);
                if (unit + 1 < UNIT_SECONDS.length) {
                    long next = seconds % UNIT_SECONDS[unit] / UNIT_SECONDS[unit + 1];
                    if (next > 0) {
                        text.append(' ').append(next).append(UNIT_NAMES[unit + 1]);
                    }
                }
                return text.toString();
            }
        }
        throw new AssertionError("unreachable");
    }
}

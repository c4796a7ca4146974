package io.imgfilter.config;

import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for misspelt parameter names: the known name within a few edits, if any. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * @param maxEdits the most insertions, deletions and substitutions still taken for a typo
     * @return the known name closest to {@code unknown} (case ignored), when within {@code maxEdits}
     */
    public static Optional<String> closest(String unknown, Iterable<String> known, int maxEdits) {
        String lower = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = maxEdits + 1;
        for (String name : known) {
            int distance = editDistance(lower, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, in two rows. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

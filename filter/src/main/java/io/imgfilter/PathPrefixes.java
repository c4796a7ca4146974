package io.imgfilter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The mapping prefixes under which the filter's URLs live ({@code /images} for
 * {@code /images/*}). A filter, unlike a servlet, gets no path info from the container, so it
 * learns its prefixes from its own URL patterns and strips them from the raw request path.
 */
final class PathPrefixes {

    private final List<String> prefixes;

    private PathPrefixes(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    static PathPrefixes of(String explicitPrefix) {
        return new PathPrefixes(List.of(explicitPrefix));
    }

    /**
     * From URL patterns: {@code /images/*} gives {@code /images}; {@code /*}, extension patterns
     * ({@code *.jpg}) and servlet-name mappings give the empty prefix.
     */
    static PathPrefixes fromUrlPatterns(Collection<String> patterns) {
        List<String> prefixes = new ArrayList<>();
        for (String pattern : patterns) {
            String prefix = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : "";
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
            }
        }
        if (prefixes.isEmpty()) {
            prefixes.add("");
        }
        prefixes.sort(Comparator.comparingInt(String::length).reversed());
        return new PathPrefixes(List.copyOf(prefixes));
    }

    /**
     * @param pathInContext the raw request path below the context path
     * @return the rest of the path after the longest matching prefix (starting with '/'), or
     *         null when no prefix matches
     */
    String strip(String pathInContext) {
        for (String prefix : prefixes) {
            if (pathInContext.startsWith(prefix)
                    && (pathInContext.length() == prefix.length() || pathInContext.charAt(prefix.length()) == '/')) {
                return pathInContext.substring(prefix.length());
            }
        }
        return null;
    }

    /** The first (longest) prefix, which URL builders such as the tag library put in front. */
    String primary() {
        return prefixes.get(0);
    }

    @Override
    public String toString() {
        return prefixes.toString();
    }
}

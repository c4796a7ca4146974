package io.imgfilter.config;

import java.util.function.UnaryOperator;

/**
 * Expands {@code ${env:NAME}} and {@code ${sys:name}} references in init-param values, so that
 * secrets and machine-specific paths stay out of web.xml. {@code ${env:NAME:-fallback}} uses the
 * fallback when the variable is unset or empty; the fallback may itself hold references.
 * {@code $$} writes a literal {@code $}. A reference to an unset variable without a fallback is
 * an error: a silently empty key or directory is worse than a refusal to start.
 */
public final class PlaceholderResolver {

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    /** Resolves against this process's environment and system properties. */
    public static PlaceholderResolver forThisProcess() {
        return new PlaceholderResolver(System::getenv, System::getProperty);
    }

    public PlaceholderResolver(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /**
     * @throws IllegalArgumentException for an unknown prefix, an unclosed reference or an unset
     *                                  variable without fallback; the message names the reference
     */
    public String resolve(String value) {
        if (value == null || value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int end = closingBrace(value, i + 2);
                out.append(lookup(value.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closingBrace(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed reference in [" + value + "]; expected ${env:NAME} or ${sys:name}");
    }

    private String lookup(String reference) {
        int fallbackAt = reference.indexOf(":-");
        String key = fallbackAt < 0 ? reference : reference.substring(0, fallbackAt);
        String found;
        if (key.startsWith("env:")) {
            found = environment.apply(checkedName(key, 4));
        } else if (key.startsWith("sys:")) {
            found = systemProperties.apply(checkedName(key, 4));
        } else {
            throw new IllegalArgumentException("unknown reference ${" + key + "}; expected ${env:NAME} or ${sys:name}");
        }
        if (found != null && !found.isEmpty()) {
            return found;
        }
        if (fallbackAt >= 0) {
            return resolve(reference.substring(fallbackAt + 2));
        }
        String kind = key.startsWith("env:") ? "environment variable" : "system property";
        throw new IllegalArgumentException(kind + " " + key.substring(4) + " referenced as ${" + key
                + "} is not set (add a fallback with ${" + key + ":-value})");
    }

    private static String checkedName(String key, int prefixLength) {
        String name = key.substring(prefixLength);
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
            throw new IllegalArgumentException("bad variable name in ${" + key + "}");
        }
        return name;
    }
}

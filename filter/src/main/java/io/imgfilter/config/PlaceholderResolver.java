package io.imgfilter.config;

import java.util.function.UnaryOperator;

/**
 * Expands {@code ${env:NAME}} and {@code ${sys:name}} references in init-param values, so that
 * secrets and machine-specific paths stay out of web.xml. Alternatives are separated by
 * {@code |} and tried in order: {@code ${env:IMAGE_DIR|sys:image.dir|webapp:/WEB-INF/originals}}
 * takes the first variable that is set and not empty, else the last part when it is not itself
 * a reference (a literal fallback, which may be empty: {@code ${env:TOKEN|}}). {@code $$} writes a
 * literal {@code $}. A reference that finds nothing and has no literal fallback is an error: a
 * silently empty key or directory is worse than a refusal to start.
 *
 * <p>Why not {@code ${env:NAME:-fallback}}: Tomcat substitutes {@code ${…}} in web.xml itself
 * and understands {@code ${name:-fallback}}, so on Tomcat such a value reaches the filter as its
 * fallback, whatever the variable says. Tomcat leaves a reference it cannot resolve untouched,
 * and has no meaning for {@code |}: the forms above survive every container. The {@code :-} form
 * is refused with a message that gives the new one.
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
     * @throws IllegalArgumentException for an unknown prefix, an unclosed reference, the
     *                                  {@code :-} form or an unset variable without fallback;
     *                                  the message names the reference
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
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed reference in [" + value + "]; expected ${env:NAME} or ${sys:name}");
                }
                out.append(lookup(value.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String lookup(String reference) {
        if (reference.contains(":-") || reference.contains("${")) {
            throw new IllegalArgumentException("${" + reference + "}: Tomcat resolves ${name:-fallback} in web.xml itself, before"
                    + " the filter sees it; write the alternatives with | instead, as in " + suggestion(reference));
        }
        String[] alternatives = reference.split("\\|", -1);
        for (int k = 0; k < alternatives.length; k++) {
            String alternative = alternatives[k];
            boolean last = k == alternatives.length - 1;
            if (alternative.startsWith("env:")) {
                String found = environment.apply(checkedName(alternative, reference));
                if (found != null && !found.isEmpty()) {
                    return found;
                }
            } else if (alternative.startsWith("sys:")) {
                String found = systemProperties.apply(checkedName(alternative, reference));
                if (found != null && !found.isEmpty()) {
                    return found;
                }
            } else if (last && k > 0) {
                return alternative; // the literal fallback
            } else {
                throw new IllegalArgumentException("unknown reference ${" + reference + "}; expected ${env:NAME} or ${sys:name},"
                        + " with alternatives after |, the last of which may be a plain value");
            }
        }
        throw new IllegalArgumentException(describe(alternatives) + " referenced as ${" + reference
                + "} is not set (add a fallback: ${" + reference + "|value})");
    }

    /** The same reference in the | form: {@code env:A:-${env:B:-x}} becomes {@code env:A|env:B|x}. */
    private static String suggestion(String reference) {
        return "${" + reference.replace("${", "").replace(":-", "|") + "}";
    }

    private static String describe(String[] alternatives) {
        StringBuilder text = new StringBuilder();
        for (String alternative : alternatives) {
            if (text.length() > 0) {
                text.append(" nor ");
            }
            text.append(alternative.startsWith("env:") ? "environment variable " : "system property ").append(alternative.substring(4));
        }
        return text.toString();
    }

    private static String checkedName(String alternative, String reference) {
        String name = alternative.substring(4);
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
            throw new IllegalArgumentException("bad variable name in ${" + reference + "}");
        }
        return name;
    }
}

package io.imgfilter.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line split into a command, its one URL or path, and {@code --name value} (or
 * {@code --name=value}) options, which may appear anywhere. Unknown or repeated options are
 * usage errors.
 */
final class CliArguments {

    static final String SIGN = "sign";
    static final String VERIFY = "verify";
    static final String PURGE = "purge";

    static final String TTL = "ttl";
    static final String EXPIRES = "expires";
    static final String KEY_ENV = "key-env";
    static final String SCHEME = "scheme";
    static final String IMAGE_ID = "image-id";
    static final String VARIANT = "variant";
    static final String PREFIX = "prefix";
    static final String LEEWAY = "leeway";
    static final String MAX_LIFETIME = "max-lifetime";
    static final String STORE = "store";
    static final String ENDPOINT = "endpoint";
    static final String REGION = "region";
    static final String PATH_STYLE = "path-style";
    static final String ACCESS_KEY_ENV = "access-key-env";
    static final String SECRET_KEY_ENV = "secret-key-env";

    private static final Set<String> OPTIONS = Set.of(TTL, EXPIRES, KEY_ENV, SCHEME, IMAGE_ID, VARIANT, PREFIX, LEEWAY,
            MAX_LIFETIME, STORE, ENDPOINT, REGION, PATH_STYLE, ACCESS_KEY_ENV, SECRET_KEY_ENV);
    private static final Set<String> SIGN_ONLY = Set.of(TTL, EXPIRES);
    private static final Set<String> VERIFY_ONLY = Set.of(LEEWAY, MAX_LIFETIME);
    private static final Set<String> PURGE_ONLY = Set.of(STORE, ENDPOINT, REGION, PATH_STYLE, ACCESS_KEY_ENV, SECRET_KEY_ENV);
    private static final Set<String> SIGNING = Set.of(TTL, EXPIRES, KEY_ENV, SCHEME, IMAGE_ID, VARIANT, PREFIX, LEEWAY,
            MAX_LIFETIME);

    private final boolean help;
    private final String command;
    private final String target;
    private final Map<String, String> options;

    private CliArguments(boolean help, String command, String target, Map<String, String> options) {
        this.help = help;
        this.command = command;
        this.target = target;
        this.options = options;
    }

    static CliArguments parse(String[] args) {
        boolean help = false;
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                help = true;
            } else if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String name = arg.substring(2, equals < 0 ? arg.length() : equals);
                if (!OPTIONS.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (help) {
            return new CliArguments(true, null, null, Map.of());
        }
        return validated(positional, options);
    }

    private static CliArguments validated(List<String> positional, Map<String, String> options) {
        if (positional.isEmpty()) {
            throw new UsageException("missing command: sign, verify or purge");
        }
        String command = positional.get(0);
        if (!command.equals(SIGN) && !command.equals(VERIFY) && !command.equals(PURGE)) {
            throw new UsageException("unknown command [" + command + "]; expected sign, verify or purge");
        }
        boolean purge = command.equals(PURGE);
        if (positional.size() < 2) {
            throw new UsageException(purge ? "missing the source path to purge" : "missing the URL or path to " + command);
        }
        if (positional.size() > 2) {
            throw new UsageException("unexpected argument [" + positional.get(2) + "]; give one "
                    + (purge ? "source path" : "URL or path"));
        }
        Set<String> notForThisCommand = purge ? SIGNING
                : command.equals(SIGN) ? union(VERIFY_ONLY, PURGE_ONLY) : union(SIGN_ONLY, PURGE_ONLY);
        for (String name : options.keySet()) {
            if (notForThisCommand.contains(name)) {
                throw new UsageException("--" + name + " does not apply to " + command);
            }
        }
        if (options.containsKey(TTL) && options.containsKey(EXPIRES)) {
            throw new UsageException("give either --ttl or --expires, not both");
        }
        return new CliArguments(false, command, positional.get(1), Map.copyOf(options));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new java.util.HashSet<>(a);
        both.addAll(b);
        return both;
    }

    boolean help() {
        return help;
    }

    String command() {
        return command;
    }

    String target() {
        return target;
    }

    /** The option's value, or {@code fallback} when it is absent. */
    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return options.containsKey(name);
    }
}

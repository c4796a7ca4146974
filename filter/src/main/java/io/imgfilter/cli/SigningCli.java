package io.imgfilter.cli;

import io.imgfilter.cache.ResultStore;
import io.imgfilter.cache.S3ResultStore;
import io.imgfilter.config.Durations;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SignatureVerifier;
import io.imgfilter.signing.SignedRequest;
import io.imgfilter.signing.SigningKey;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.signing.Verdict;
import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of the filter jar: signs image URLs and checks signed ones, with the same key
 * configuration as the filter, for scripts, e-mails and debugging; and purges the variants of one
 * original from the shared result store.
 *
 * <pre>
 * java -jar imgfilter-filter.jar sign --ttl 1h /images/small/cat.jpg
 * java -jar imgfilter-filter.jar verify 'https://example.com/images/small/cat.jpg?exp=...&amp;sig=...'
 * java -jar imgfilter-filter.jar purge --store s3://my-variants/v1 --region eu-west-3 '2024/café.jpg'
 * </pre>
 *
 * Exit codes: 0 signed, valid or purged, 1 refused (expired, bad signature, ...) or the store
 * failed, 2 usage error.
 */
public final class SigningCli {

    static final String DEFAULT_KEY_ENV = "IMAGE_SIGNING_KEY";
    static final String DEFAULT_ACCESS_KEY_ENV = "IMAGE_RESULT_STORE_ACCESS_KEY_ID";
    static final String DEFAULT_SECRET_KEY_ENV = "IMAGE_RESULT_STORE_SECRET_ACCESS_KEY";
    static final String DEFAULT_REGION = "us-east-1";
    /** Links valid for longer than this get a warning: long-lived links are shared and leak. */
    static final Duration LONG_LIFETIME = Duration.ofDays(30);
    static final String DEFAULT_TTL = "1h";

    /** How long one request of a purge to the store may take. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            usage: java -jar imgfilter-filter.jar sign [options] <url-or-path>
                   java -jar imgfilter-filter.jar verify [options] <url-or-path>
                   java -jar imgfilter-filter.jar purge --store s3://bucket/prefix [options] <source-path>

            sign    prints the path (or full URL) with exp, kid (when the key has an id) and sig added
            verify  checks the token of a signed path or URL: its signature and expiry, as the
                    filter does (not the presets, options or size limits, which the filter checks too)
            purge   deletes every variant of one original from the result store and prints how many;
                    the nodes' memory and disk caches keep theirs until evicted (purge those through
                    each filter's JMX operation purge)

            <url-or-path> is percent-encoded as a browser sends it, context path included:
              /images/small/cat%20one.jpg   or   https://example.com/images/small/cat.jpg

            options:
              --ttl DURATION        (sign) lifetime: 3600, 30m, 1h, 1d (default 1h)
              --expires INSTANT     (sign) fixed expiry instead: 2026-12-31T00:00:00Z or Unix seconds
              --key-env NAME        environment variable holding the key (default IMAGE_SIGNING_KEY):
                                    a secret, or id:secret; several separated by commas, the first signs
                                    (everything before the first ':' is the id: a secret with ':' needs one)
              --scheme NAME         path-and-query (default) or image-variant-expiry
              --image-id ID         (image-variant-expiry) decoded source path, e.g. "2024/cat one.jpg"
              --variant NAME        (image-variant-expiry) preset name or options segment, e.g. small
              --prefix PATH         (image-variant-expiry) instead of the two above: the path reads
                                    PATH/{variant}/{image id}, e.g. --prefix /images
              --leeway DURATION     (verify) accepted lateness for clock differences (default 30s)
              --max-lifetime DURATION  (verify) refuse links expiring further ahead than this
              --store s3://BUCKET/PREFIX  (purge) the filter's result-store
              --endpoint URL        (purge) its result-store-endpoint, http(s)://host[:port] (default AWS)
              --region NAME         (purge) its result-store-region (default us-east-1)
              --path-style VALUE    (purge) its result-store-path-style: true, false or auto (default)
              --access-key-env NAME (purge) environment variable holding the store's access key id
                                    (default IMAGE_RESULT_STORE_ACCESS_KEY_ID)
              --secret-key-env NAME (purge) environment variable holding its secret access key
                                    (default IMAGE_RESULT_STORE_SECRET_ACCESS_KEY)
              --help                this text

            <source-path> (purge) is decoded, as below the preset or options in a URL: "2024/café one.jpg"

            exit codes: 0 signed, valid or purged, 1 invalid or expired, or the store failed, 2 usage error
            """;

    private SigningCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    /**
     * Runs one command.
     *
     * @param env where the key is looked up (normally {@link System#getenv()})
     * @return the exit code: {@value #OK} done or valid, {@value #REFUSED} refused,
     *         {@value #USAGE_ERROR} usage error
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        if (args.length == 0) {
            err.print(USAGE);
            return USAGE_ERROR;
        }
        try {
            CliArguments arguments = CliArguments.parse(args);
            if (arguments.help()) {
                out.print(USAGE);
                return OK;
            }
            return switch (arguments.command()) {
                case CliArguments.SIGN -> sign(arguments, env, out, err, clock);
                case CliArguments.PURGE -> purge(arguments, env, out, err, clock);
                default -> verify(arguments, env, out, err, clock);
            };
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
    }

    private static int sign(CliArguments arguments, Map<String, String> env, PrintStream out, PrintStream err,
                            Clock clock) {
        SigningScheme scheme = scheme(arguments);
        KeyRing keys = keyRing(arguments, env, err);
        Target target = Target.parse(arguments.target());
        Instant expires = expiry(arguments, clock);
        UrlSigner signer = new UrlSigner(keys, scheme, clock);
        String signed;
        if (scheme == SigningScheme.PATH_AND_QUERY) {
            rejectImageOptions(arguments);
            signed = signer.sign(target.pathAndQuery(), expires);
        } else {
            ImageVariant image = imageVariant(arguments, target);
            signed = signer.sign(target.pathAndQuery(), image.imageId(), image.variant(), expires);
        }
        if (!expires.isAfter(clock.instant())) {
            err.println("warning: this link expires at " + expires + ", which is not in the future");
        } else if (Duration.between(clock.instant(), expires).compareTo(LONG_LIFETIME) > 0) {
            err.println("warning: this link is valid for " + HumanDuration.format(Duration.between(clock.instant(), expires))
                    + "; a leaked link works that long (a filter with max-token-lifetime refuses it)");
        }
        if (target.hasDotSegment()) {
            err.println("warning: the path has a '.' or '..' segment; the filter refuses such paths (400),"
                    + " so this link will not work");
        }
        if (keys.signingKey().isWeak()) {
            err.println("warning: the signing key is shorter than " + SigningKey.RECOMMENDED_MIN_BYTES
                    + " bytes; use a long random secret");
        }
        out.println(target.around(signed));
        return OK;
    }

    private static int verify(CliArguments arguments, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        SigningScheme scheme = scheme(arguments);
        KeyRing keys = keyRing(arguments, env, err);
        Target target = Target.parse(arguments.target());
        SignatureVerifier.Builder builder = SignatureVerifier.builder(keys).scheme(scheme).clock(clock)
                .leeway(duration(arguments, CliArguments.LEEWAY, "30s"));
        if (arguments.has(CliArguments.MAX_LIFETIME)) {
            builder.maxLifetime(duration(arguments, CliArguments.MAX_LIFETIME, null));
        }
        SignedRequest request;
        if (scheme == SigningScheme.PATH_AND_QUERY) {
            rejectImageOptions(arguments);
            request = SignedRequest.ofPathAndQuery(target.pathAndQuery(), null, null);
        } else {
            ImageVariant image = imageVariant(arguments, target);
            request = SignedRequest.ofPathAndQuery(target.pathAndQuery(), image.imageId(), image.variant());
        }
        Verdict verdict = builder.build().verify(request);
        out.println(describe(verdict) + (verdict.isValid() ? "; token only: the filter also checks the preset,"
                + " the options and the size limits" : ""));
        return verdict.isValid() ? OK : REFUSED;
    }

    private static int purge(CliArguments arguments, Map<String, String> env, PrintStream out, PrintStream err,
            Clock clock) {
        String spec = arguments.option(CliArguments.STORE, null);
        if (spec == null || !spec.startsWith("s3://")) {
            throw new UsageException("purge needs --store s3://bucket or s3://bucket/prefix, the filter's result-store");
        }
        String region = arguments.option(CliArguments.REGION, DEFAULT_REGION).toLowerCase(Locale.ROOT);
        if (!region.matches("[a-z0-9][a-z0-9-]{1,40}")) {
            throw new UsageException("--region [" + region + "] is not a region name such as us-east-1 or eu-west-3");
        }
        String style = arguments.option(CliArguments.PATH_STYLE, "auto").toLowerCase(Locale.ROOT);
        Boolean pathStyle = switch (style) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw new UsageException("--path-style [" + style + "]: expected true, false or auto");
        };
        S3Location location;
        try {
            location = S3Location.parse(spec, arguments.option(CliArguments.ENDPOINT, null), region, pathStyle);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--store or --endpoint: " + e.getMessage());
        }
        String keyId = secretFromEnv(arguments, env, CliArguments.ACCESS_KEY_ENV, DEFAULT_ACCESS_KEY_ENV, "access key id");
        String secret = secretFromEnv(arguments, env, CliArguments.SECRET_KEY_ENV, DEFAULT_SECRET_KEY_ENV,
                "secret access key");
        String sourcePath;
        try {
            sourcePath = SourcePathParser.parseDecoded(arguments.target()).decoded();
        } catch (SourcePathParser.UnsafePathException e) {
            throw new UsageException("[" + arguments.target() + "] is not a source path the filter accepts ("
                    + e.getMessage() + "); give it decoded, as below the preset or options in a URL: 2024/café.jpg");
        }
        SigV4Signer signer = new SigV4Signer(keyId, secret, null, region, "s3", clock);
        try (S3ResultStore store = new S3ResultStore(location, signer, STORE_TIMEOUT, 1 << 20, "cli")) {
            int purged = store.purge(sourcePath).size();
            out.println("purged " + purged + (purged == 1 ? " variant" : " variants") + " of " + sourcePath + " from " + spec);
            if (purged >= ResultStore.MAX_PURGED) {
                err.println("warning: at most " + ResultStore.MAX_PURGED + " variants are purged at once; run it again");
            }
            return OK;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return REFUSED;
        }
    }

    private static String secretFromEnv(CliArguments arguments, Map<String, String> env, String option, String fallback,
            String what) {
        String name = arguments.option(option, fallback);
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("environment variable " + name + " is not set; it holds the result store's " + what
                    + " (or name another with --" + option + ")");
        }
        value = value.strip();
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UsageException("environment variable " + name + ": expected printable ASCII without spaces");
        }
        return value;
    }

    /** One line for a person: when it expires or expired, or what is wrong. */
    static String describe(Verdict verdict) {
        if (verdict instanceof Verdict.Valid valid) {
            return "valid, expires " + valid.expires() + " (in " + HumanDuration.format(valid.remaining()) + ")";
        }
        if (verdict instanceof Verdict.Expired expired) {
            return "expired since " + expired.expiredAt() + " (" + HumanDuration.format(expired.ago()) + " ago)";
        }
        if (verdict instanceof Verdict.TooFarAhead ahead) {
            return "too far ahead: expires " + ahead.expires() + " (in " + HumanDuration.format(ahead.ahead())
                    + "), beyond the max lifetime of " + HumanDuration.format(ahead.maxLifetime());
        }
        return verdict.reason();
    }

    private static SigningScheme scheme(CliArguments arguments) {
        return SigningScheme.fromConfigName(arguments.option(CliArguments.SCHEME, SigningScheme.DEFAULT.configName()));
    }

    private static KeyRing keyRing(CliArguments arguments, Map<String, String> env, PrintStream err) {
        String name = arguments.option(CliArguments.KEY_ENV, DEFAULT_KEY_ENV);
        String spec = env.get(name);
        if (spec == null || spec.isBlank()) {
            throw new UsageException("environment variable " + name + " is not set; it holds the signing key"
                    + " (a secret, or id:secret, several separated by commas)");
        }
        for (String entry : spec.split(",")) {
            if (entry.indexOf(':') != entry.lastIndexOf(':')) {
                String id = entry.strip().substring(0, entry.strip().indexOf(':'));
                err.println("note: " + name + " holds an entry read as key id [" + id + "] with a secret that contains ':'"
                        + " (everything before the first ':' is the id)");
            }
        }
        try {
            return KeyRing.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static Instant expiry(CliArguments arguments, Clock clock) {
        if (!arguments.has(CliArguments.EXPIRES)) {
            Duration ttl = duration(arguments, CliArguments.TTL, DEFAULT_TTL);
            if (ttl.isZero()) {
                throw new UsageException("--ttl must be at least 1s");
            }
            return clock.instant().plus(ttl);
        }
        String text = arguments.option(CliArguments.EXPIRES, null).strip();
        try {
            if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 12) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--expires [" + text + "] is not an instant like 2026-12-31T00:00:00Z"
                    + " nor Unix seconds");
        }
    }

    private static Duration duration(CliArguments arguments, String option, String fallback) {
        String text = arguments.option(option, fallback);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UsageException("--" + option + ": [" + text + "] is not a duration; expected " + Durations.ALLOWED);
        }
    }

    /** The variant and the decoded image id, from {@code --variant}/{@code --image-id} or {@code --prefix}. */
    private static ImageVariant imageVariant(CliArguments arguments, Target target) {
        boolean explicit = arguments.has(CliArguments.IMAGE_ID) || arguments.has(CliArguments.VARIANT);
        if (arguments.has(CliArguments.PREFIX)) {
            if (explicit) {
                throw new UsageException("give either --prefix or --image-id and --variant, not both");
            }
            return target.imageVariantUnder(arguments.option(CliArguments.PREFIX, null));
        }
        if (!arguments.has(CliArguments.IMAGE_ID) || !arguments.has(CliArguments.VARIANT)) {
            throw new UsageException("scheme " + SigningScheme.IMAGE_VARIANT_EXPIRY.configName()
                    + " needs --image-id and --variant, or --prefix");
        }
        return new ImageVariant(arguments.option(CliArguments.IMAGE_ID, null), arguments.option(CliArguments.VARIANT, null));
    }

    private static void rejectImageOptions(CliArguments arguments) {
        for (String option : new String[] {CliArguments.IMAGE_ID, CliArguments.VARIANT, CliArguments.PREFIX}) {
            if (arguments.has(option)) {
                throw new UsageException("--" + option + " applies to --scheme "
                        + SigningScheme.IMAGE_VARIANT_EXPIRY.configName() + " only");
            }
        }
    }
}

package io.imgfilter.config;

import io.imgfilter.render.MemoryBudget;
import io.imgfilter.request.Limits;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.PresetTable;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SignatureVerifier;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import io.imgfilter.source.DirectorySource;
import io.imgfilter.source.ImageSource;
import io.imgfilter.source.WebappResourceSource;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Turns a filter's init-params into {@link FilterSettings}, or explains in one message why it
 * cannot. Each value has its {@code ${env:…}}/{@code ${sys:…}} references resolved first; every
 * error names the filter, the parameter, the value as written and what is allowed.
 */
public final class SettingsParser {

    private static final Pattern CONTEXT_PATH = Pattern.compile("(/[^/\\\\]+)+");

    /** The lifetime cap applied under the image-variant-expiry scheme when none is configured. */
    public static final Duration IMAGE_VARIANT_EXPIRY_MAX_LIFETIME = Duration.ofDays(365);

    private final String filterName;
    private final ServletContext context;
    private final PlaceholderResolver resolver;

    public SettingsParser(String filterName, ServletContext context, PlaceholderResolver resolver) {
        this.filterName = filterName;
        this.context = context;
        this.resolver = resolver;
    }

    public FilterSettings parse(Map<String, String> params) throws InvalidConfigException {
        for (String name : params.keySet()) {
            if (InitParam.byName(name).isEmpty()) {
                String hint = InitParam.suggestionFor(name).map(s -> " (did you mean [" + s + "]?)").orElse("");
                throw new InvalidConfigException("Filter [" + filterName + "]: unknown init-param [" + name + "]" + hint
                        + "; known init-params are: " + InitParam.knownNames());
            }
        }
        Values values = new Values(params);

        int maxWidth = values.integer(InitParam.MAX_WIDTH, 1, Limits.ABSOLUTE_MAX_DIMENSION);
        int maxHeight = values.integer(InitParam.MAX_HEIGHT, 1, Limits.ABSOLUTE_MAX_DIMENSION);
        double maxDpr = values.integer(InitParam.MAX_DPR, 1, 5);
        OptionsParser options = new OptionsParser(new Limits(maxWidth, maxHeight, maxDpr));

        PresetTable presets = presets(values, options);
        boolean flexible = values.bool(InitParam.FLEXIBLE_OPTIONS);
        if (presets.isEmpty() && !flexible) {
            throw new InvalidConfigException("Filter [" + filterName + "]: no presets declared and [flexible-options] is false,"
                    + " so no image could ever be served; declare presets with [presets] or [presets-file]");
        }

        long maxSourcePixels = values.longValue(InitParam.MAX_SOURCE_PIXELS, 1, 1_000_000_000L);
        long maxSourceBytes = values.byteSize(InitParam.MAX_SOURCE_BYTES, 1, 1L << 30);
        int defaultQuality = values.integer(InitParam.DEFAULT_QUALITY, 1, 100);
        Duration cacheMaxAge = values.duration(InitParam.CACHE_MAX_AGE);
        boolean serverTiming = values.bool(InitParam.SERVER_TIMING);
        String cacheTagHeader = cacheTagHeader(values);
        String pathPrefix = values.optional(InitParam.PATH_PREFIX);
        if (pathPrefix != null && !pathPrefix.isEmpty() && !CONTEXT_PATH.matcher(pathPrefix).matches()) {
            throw values.invalid(InitParam.PATH_PREFIX, pathPrefix, "a path such as /images (no trailing '/'), or empty for none");
        }
        Signing signing = signing(values);
        Rendering rendering = rendering(values);
        // one budget for renders and for the originals downloaded for them
        MemoryBudget renderMemory = new MemoryBudget(rendering.memoryBudget());
        ImageSource source = source(values, maxSourceBytes, renderMemory);
        return new FilterSettings(source, renderMemory, presets, options, flexible, maxSourcePixels, maxSourceBytes,
                defaultQuality, cacheMaxAge, serverTiming, cacheTagHeader, pathPrefix, signing, rendering);
    }

    /** A header name of its own: not one the filter sets for other reasons. */
    private static String cacheTagHeader(Values values) throws InvalidConfigException {
        String name = values.optional(InitParam.CACHE_TAG_HEADER);
        if (name == null || name.isBlank()) {
            return null;
        }
        name = name.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,63}") || lower.startsWith("content-") || lower.equals("cache-control")
                || lower.equals("etag") || lower.equals("last-modified") || lower.equals("vary") || lower.equals("server-timing")) {
            throw values.invalid(InitParam.CACHE_TAG_HEADER, name, "a header name of its own, such as Surrogate-Key or Cache-Tag");
        }
        return name;
    }

    private Rendering rendering(Values values) throws InvalidConfigException {
        long memory = values.byteSize(InitParam.CACHE_SIZE, 0, 1L << 30);
        Path directory = null;
        String directoryName = values.optional(InitParam.CACHE_DIRECTORY);
        if (directoryName != null) {
            try {
                directory = Path.of(directoryName);
            } catch (InvalidPathException e) {
                throw values.invalid(InitParam.CACHE_DIRECTORY, directoryName, "an absolute directory path");
            }
            if (!directory.isAbsolute()) {
                throw values.invalid(InitParam.CACHE_DIRECTORY, directoryName, "an absolute directory path");
            }
        }
        long directoryBytes = values.byteSize(InitParam.CACHE_DIRECTORY_SIZE, 1L << 20, Long.MAX_VALUE / 2);
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = values.optional(InitParam.RENDER_THREADS) == null ? cores
                : values.integer(InitParam.RENDER_THREADS, 1, 256);
        int queue = values.integer(InitParam.RENDER_QUEUE, 1, 10_000);
        Duration timeout = values.duration(InitParam.RENDER_TIMEOUT);
        if (timeout.isZero()) {
            throw values.invalid(InitParam.RENDER_TIMEOUT, "0", "a positive duration such as 10s");
        }
        long budget = renderMemory(values);
        int maxScans = values.integer(InitParam.MAX_SOURCE_SCANS, 1, 10_000);
        ResultStoreLocation resultStore = new ResultStoreParser(values).parse();
        return new Rendering(memory, directory, directoryBytes, threads, queue, timeout, budget, maxScans, resultStore);
    }

    /**
     * {@code render-memory}: a share of the heap ({@code 25%}) or a size ({@code 256MB}). Renders
     * reserve their estimated working memory from it before decoding.
     */
    private static long renderMemory(Values values) throws InvalidConfigException {
        long heap = Runtime.getRuntime().maxMemory();
        String text = values.optional(InitParam.RENDER_MEMORY);
        String value = text == null ? InitParam.RENDER_MEMORY.defaultValue() : text.strip();
        long bytes;
        if (value.endsWith("%")) {
            int percent;
            try {
                percent = Integer.parseInt(value.substring(0, value.length() - 1).strip());
            } catch (NumberFormatException e) {
                percent = -1;
            }
            if (percent < 1 || percent > 90) {
                throw values.invalid(InitParam.RENDER_MEMORY, value, "a share of the heap from 1% to 90%, or a size such as 256MB");
            }
            bytes = heap / 100 * percent;
        } else {
            bytes = values.byteSize(InitParam.RENDER_MEMORY, 1L << 20, Long.MAX_VALUE / 2);
        }
        if (bytes < (1L << 20)) {
            throw values.invalid(InitParam.RENDER_MEMORY, value, "at least 1MB");
        }
        return bytes;
    }

    private Signing signing(Values values) throws InvalidConfigException {
        KeyRing keys = null;
        String keySpec = values.optional(InitParam.SIGNING_KEYS);
        if (keySpec != null) {
            try {
                keys = KeyRing.parse(keySpec);
            } catch (IllegalArgumentException e) {
                // The value is a secret: say what is wrong with it, never what it is.
                throw new InvalidConfigException("Filter [" + filterName + "]: init-param [signing-keys] is not valid: "
                        + e.getMessage() + "; expected secret or id:secret entries separated by commas, e.g. k2:${env:KEY_NEW},k1:${env:KEY_OLD}");
            }
        }
        String policyName = values.optional(InitParam.SIGNATURE_REQUIRED);
        SignaturePolicy policy = policyName == null ? (keys == null ? SignaturePolicy.NONE : SignaturePolicy.ALL)
                : SignaturePolicy.byConfigName(policyName);
        if (policy == null) {
            throw values.invalid(InitParam.SIGNATURE_REQUIRED, policyName, SignaturePolicy.ALLOWED);
        }
        if (keys == null) {
            if (policy != SignaturePolicy.NONE) {
                throw new InvalidConfigException("Filter [" + filterName + "]: init-param [signature-required]:["
                        + policy.configName() + "] needs a key, but init-param [signing-keys] is not set;"
                        + " set it, e.g. to ${env:IMAGE_SIGNING_KEY}, or set [signature-required] to none");
            }
            return Signing.DISABLED;
        }
        String schemeName = values.optional(InitParam.SIGNING_SCHEME);
        SigningScheme scheme;
        try {
            scheme = SigningScheme.fromConfigName(schemeName);
        } catch (IllegalArgumentException e) {
            throw values.invalid(InitParam.SIGNING_SCHEME, schemeName, SigningScheme.allowedNames());
        }
        Duration leeway = values.duration(InitParam.SIGNATURE_LEEWAY);
        if (leeway.compareTo(SignatureVerifier.MAX_LEEWAY) > 0) {
            throw values.invalid(InitParam.SIGNATURE_LEEWAY, values.optional(InitParam.SIGNATURE_LEEWAY), "at most 1d");
        }
        Duration maxLifetime = values.optional(InitParam.MAX_TOKEN_LIFETIME) == null ? null
                : values.duration(InitParam.MAX_TOKEN_LIFETIME);
        if (maxLifetime == null && scheme == SigningScheme.IMAGE_VARIANT_EXPIRY) {
            // {imageId}{variant}{exp} has no separators: a variant ending in digits can lend them to
            // exp and push it centuries ahead. A cap on the lifetime refuses such tokens.
            maxLifetime = IMAGE_VARIANT_EXPIRY_MAX_LIFETIME;
        }
        if (maxLifetime != null && !maxLifetime.isZero() && leeway.compareTo(maxLifetime) >= 0) {
            throw new InvalidConfigException("Filter [" + filterName + "]: init-param [signature-leeway]:[" + values.optional(InitParam.SIGNATURE_LEEWAY)
                    + "] is not shorter than [max-token-lifetime]:[" + values.optional(InitParam.MAX_TOKEN_LIFETIME)
                    + "]; the leeway covers clock differences, it must be much shorter than a token's life");
        }
        SignatureVerifier.Builder verifier = SignatureVerifier.builder(keys).scheme(scheme).leeway(leeway);
        if (maxLifetime != null) {
            if (maxLifetime.isZero()) {
                throw values.invalid(InitParam.MAX_TOKEN_LIFETIME, "0", "a positive duration such as 1d");
            }
            verifier.maxLifetime(maxLifetime);
        }
        return new Signing(keys, new UrlSigner(keys, scheme, Clock.systemUTC()), verifier.build(), policy);
    }

    private PresetTable presets(Values values, OptionsParser options) throws InvalidConfigException {
        PresetTable presets = PresetTable.empty();
        String inline = values.optional(InitParam.PRESETS);
        if (inline != null) {
            try {
                presets = PresetTable.parseInline(inline, options);
            } catch (IllegalArgumentException e) {
                throw values.invalid(InitParam.PRESETS, inline, e.getMessage()
                        + "; presets are written one per line or separated by ';', as name: width=300,fit=cover,public");
            }
        }
        String file = values.optional(InitParam.PRESETS_FILE);
        if (file != null) {
            Properties properties = new Properties();
            try (InputStream in = open(file)) {
                if (in == null) {
                    throw values.invalid(InitParam.PRESETS_FILE, file, "an existing file: webapp:/WEB-INF/presets.properties or an absolute path");
                }
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            } catch (IOException | InvalidPathException e) {
                throw values.invalid(InitParam.PRESETS_FILE, file, "a readable file (" + e.getMessage() + ")");
            }
            try {
                presets = presets.merge(PresetTable.fromProperties(properties, options));
            } catch (IllegalArgumentException e) {
                throw values.invalid(InitParam.PRESETS_FILE, file, e.getMessage() + "; lines are written name = width=300,fit=cover,public");
            }
        }
        return presets;
    }

    private InputStream open(String location) throws IOException {
        if (location.startsWith("webapp:")) {
            return context == null ? null : context.getResourceAsStream(location.substring("webapp:".length()));
        }
        Path path = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        if (!path.isAbsolute() || !Files.isRegularFile(path)) {
            return null;
        }
        return Files.newInputStream(path);
    }

    private ImageSource source(Values values, long maxSourceBytes, MemoryBudget renderMemory) throws InvalidConfigException {
        String spec = values.optional(InitParam.SOURCE);
        String allowed = "webapp:/WEB-INF/originals (webapp resources), the absolute path of a directory (/srv/images or"
                + " file:/srv/images), an http(s):// base URL or s3://bucket/prefix";
        if (spec == null) {
            throw new InvalidConfigException("Filter [" + filterName + "]: init-param [source] is required: " + allowed);
        }
        OriginSourceParser origins = new OriginSourceParser(values);
        if (OriginSourceParser.isRemote(spec)) {
            return origins.parse(spec, maxSourceBytes, renderMemory);
        }
        origins.warnIgnoredForLocalSource();
        if (spec.startsWith("webapp:")) {
            String base = spec.substring("webapp:".length());
            while (base.endsWith("/") && base.length() > 1) {
                base = base.substring(0, base.length() - 1);
            }
            if (!base.startsWith("/") || base.contains("..")) {
                throw values.invalid(InitParam.SOURCE, spec, allowed);
            }
            if (context == null) {
                throw values.invalid(InitParam.SOURCE, spec, "a directory: there is no webapp here");
            }
            WebappResourceSource source = new WebappResourceSource(context, base, maxSourceBytes);
            if (!source.baseExists()) {
                throw values.invalid(InitParam.SOURCE, spec, "an existing directory of the webapp; " + allowed);
            }
            return source;
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        try {
            Path directory = lower.startsWith("file:") ? Path.of(java.net.URI.create(spec)) : Path.of(spec);
            if (!directory.isAbsolute()) {
                throw values.invalid(InitParam.SOURCE, spec, "an absolute path; " + allowed);
            }
            if (!Files.isDirectory(directory)) {
                throw values.invalid(InitParam.SOURCE, spec, "an existing, readable directory; " + allowed);
            }
            return new DirectorySource(directory, maxSourceBytes);
        } catch (IOException | IllegalArgumentException e) {
            throw values.invalid(InitParam.SOURCE, spec, allowed);
        }
    }

    /** Looks up, resolves and converts values, with errors that name the parameter. */
    final class Values {

        private final Map<String, String> params;

        Values(Map<String, String> params) {
            this.params = params;
        }

        /** The resolved, stripped value, the default when absent, or null when neither. */
        String optional(InitParam param) throws InvalidConfigException {
            String written = params.get(param.paramName());
            if (written == null) {
                return param.defaultValue();
            }
            try {
                String resolved = resolver.resolve(written).strip();
                return resolved.isEmpty() ? param.defaultValue() : resolved;
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException("Filter [" + filterName + "]: init-param [" + param.paramName() + "]:["
                        + written + "]: " + e.getMessage());
            }
        }

        int integer(InitParam param, int min, int max) throws InvalidConfigException {
            return (int) longValue(param, min, max);
        }

        long longValue(InitParam param, long min, long max) throws InvalidConfigException {
            String value = optional(param);
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(param, value, "a whole number from " + min + " to " + max);
        }

        long byteSize(InitParam param, long min, long max) throws InvalidConfigException {
            String value = optional(param);
            try {
                long bytes = ByteSizes.parse(value);
                if (bytes >= min && bytes <= max) {
                    return bytes;
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                // reported below
            }
            throw invalid(param, value, ByteSizes.ALLOWED + (max <= 1L << 30 ? ", at most 1GB" : ""));
        }

        boolean bool(InitParam param) throws InvalidConfigException {
            String value = optional(param);
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(param, value, "true or false");
            };
        }

        Duration duration(InitParam param) throws InvalidConfigException {
            String value = optional(param);
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw invalid(param, value, Durations.ALLOWED);
            }
        }

        /** The value exactly as web.xml writes it, references unresolved, or null when absent. */
        String written(InitParam param) {
            return params.get(param.paramName());
        }

        /** The resolved value when web.xml sets one that is not empty, ignoring defaults; else null. */
        String explicit(InitParam param) throws InvalidConfigException {
            String written = params.get(param.paramName());
            if (written == null) {
                return null;
            }
            try {
                String resolved = resolver.resolve(written).strip();
                return resolved.isEmpty() ? null : resolved;
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException("Filter [" + filterName + "]: init-param [" + param.paramName() + "]:["
                        + written + "]: " + e.getMessage());
            }
        }

        /** An error about a parameter without repeating its value, for secrets. */
        InvalidConfigException invalidSecret(InitParam param, String problem) {
            return new InvalidConfigException("Filter [" + filterName + "]: init-param [" + param.paramName()
                    + "] is not valid: " + problem);
        }

        String filterName() {
            return filterName;
        }

        InvalidConfigException invalid(InitParam param, String value, String allowed) {
            return new InvalidConfigException("Filter [" + filterName + "]: init-param [" + param.paramName() + "]:["
                    + value + "] is not valid; expected " + allowed);
        }
    }
}

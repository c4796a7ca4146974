package io.imgfilter;

import io.imgfilter.cache.DiskCache;
import io.imgfilter.cache.FailureMemory;
import io.imgfilter.cache.RenderCache;
import io.imgfilter.cache.S3ResultStore;
import io.imgfilter.cache.VariantKey;
import io.imgfilter.config.FilterSettings;
import io.imgfilter.config.Rendering;
import io.imgfilter.config.ResultStoreLocation;
import io.imgfilter.config.Signing;
import io.imgfilter.http.CacheTags;
import io.imgfilter.http.Conditional;
import io.imgfilter.http.HttpProblem;
import io.imgfilter.http.Problems;
import io.imgfilter.http.Responses;
import io.imgfilter.logging.LogText;
import io.imgfilter.logging.ThrottledLog;
import io.imgfilter.render.Deadline;
import io.imgfilter.render.ImageRenderer;
import io.imgfilter.render.MemoryBudget;
import io.imgfilter.render.RenderBusyException;
import io.imgfilter.render.RenderException;
import io.imgfilter.render.RenderLimits;
import io.imgfilter.render.RenderTimeoutException;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.ImageRequest;
import io.imgfilter.request.ImageRequestParser;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.signing.RefusalLog;
import io.imgfilter.signing.SignedRequest;
import io.imgfilter.signing.Verdict;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.Original;
import io.imgfilter.source.OriginalTooLargeException;
import io.imgfilter.source.SourceBusyException;
import io.imgfilter.source.SourceVersion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers one image request: parse the URL, check its token when it needs one, ask the source
 * for the original's version, answer a revalidation with 304, otherwise take the variant from
 * the result cache or render it. Every failure ends as a short plain-text status; the details,
 * including where the original lives, stay in the server log.
 */
final class ImageHandler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ImageResizingFilter.class.getName());
    /**
     * Longest {@code max-age} of a variant served while its origin fails: caches come back soon,
     * and see a change made while the origin was down.
     */
    static final long STALE_MAX_AGE_SECONDS = 60;

    private final FilterSettings settings;
    private final ImageRequestParser parser;
    private final ImageRenderer renderer;
    private final RenderCache renders;
    private final ImageFilterStatistics statistics;
    private final String publicCacheControl;
    private final RefusalLog refusals = RefusalLog.create();
    private final ThrottledLog renderFailures = ThrottledLog.create(ImageResizingFilter.class.getName(), "failed renders");
    private final ThrottledLog originFailures = ThrottledLog.create(ImageResizingFilter.class.getName(), "origin failures");
    private final FailureMemory failures = FailureMemory.standard();
    private final long renderTimeoutNanos;
    /**
     * What else decides the bytes: the renderer's version and this filter's defaults. Part of every
     * ETag and cache key, so that neither browsers nor a disk cache kept across an upgrade or a
     * configuration change are served variants made the old way.
     */
    private final byte[] renderingFingerprint;

    ImageHandler(FilterSettings settings, String name, ImageFilterStatistics statistics) throws IOException {
        this.settings = settings;
        this.statistics = statistics;
        this.parser = new ImageRequestParser(settings.presets(), settings.options(), settings.flexibleOptions());
        Rendering rendering = settings.rendering();
        this.renderer = new ImageRenderer(new RenderLimits(settings.maxSourcePixels(), settings.options().limits().maxWidth(),
                settings.options().limits().maxHeight(), rendering.maxScans()), settings.defaultQuality(),
                settings.renderMemory());
        this.renderTimeoutNanos = rendering.timeout().toNanos();
        this.renderingFingerprint = ("imgfilter-render-" + ImageRenderer.VERSION + ",q" + settings.defaultQuality() + "\0")
                .getBytes(StandardCharsets.UTF_8);
        DiskCache disk = rendering.cacheDirectory() == null ? null
                : new DiskCache(rendering.cacheDirectory(), rendering.cacheDirectoryBytes());
        ResultStoreLocation storeAt = rendering.resultStore();
        S3ResultStore store = storeAt == null ? null : new S3ResultStore(storeAt.location(), storeAt.signer(),
                rendering.timeout(), maxStoredBytes(settings), name);
        this.renders = new RenderCache(rendering.memoryCacheBytes(), disk, store, rendering.threads(), rendering.queue(),
                rendering.timeout(), name);
        statistics.purger(this::purge);
        statistics.gauges(renders::queueDepth, renders::activeRenders, renders::memoryBytes, renders::diskBytes);
        MemoryBudget budget = renderer.budget();
        statistics.renderMemory(budget::usedBytes, budget::totalBytes);
        // Images made from an origin that needs credentials stay out of shared caches unless the
        // operator said otherwise (origin-auth = share-publicly).
        this.publicCacheControl = (settings.source().privateResults() ? "private" : "public")
                + ", max-age=" + settings.cacheMaxAge().toSeconds();
    }

    /** Removes every variant of one original (a checked, decoded source path); returns how many. */
    int purge(String sourcePath) throws IOException {
        RenderCache.Purged purged = renders.purge(sourcePath);
        LOG.log(System.Logger.Level.INFO, "imgfilter: purged " + purged.variants().size() + " variants of "
                + "[" + LogText.path(sourcePath) + "]" + " (memory " + purged.memory() + ", disk " + purged.disk() + ", store "
                + purged.store() + ")");
        return purged.variants().size();
    }

    /**
     * The largest variant read back from the result store: twice the bytes of an uncompressed
     * RGBA image of the largest output, at most 64 MB, at least 1 MB.
     */
    static long maxStoredBytes(FilterSettings settings) {
        long pixels = (long) settings.options().limits().maxWidth() * settings.options().limits().maxHeight();
        return Math.max(1L << 20, Math.min(64L << 20, 2 * 4 * pixels));
    }

    /**
     * @param pathBelowPrefix the raw path below the filter's mapping, e.g. {@code /small/cat.jpg}
     */
    void handle(HttpServletRequest request, HttpServletResponse response, String pathBelowPrefix) throws IOException {
        long started = System.nanoTime();
        boolean head = "HEAD".equals(request.getMethod());
        try (PrefetchedOriginal prefetched = new PrefetchedOriginal()) {
            if (!head && !"GET".equals(request.getMethod())) {
                throw new HttpProblem(405, "method not allowed");
            }
            ImageRequest parsed = parser.parse(pathBelowPrefix);
            String cacheControl = checkToken(parsed, request);
            boolean negotiated = parsed.options().autoFormat();
            ImageRequest imageRequest = negotiated ? negotiateFormat(parsed, request) : parsed;
            if (negotiated) {
                response.setHeader("Vary", "Accept");
            }
            SourceVersion version;
            HttpProblem originFailure = null;
            try {
                version = version(imageRequest, request, prefetched);
            } catch (StaleVersion stale) {
                // the origin fails now: only a variant rendered before may be served, briefly cached
                version = stale.version;
                originFailure = stale.problem;
                cacheControl = Responses.capMaxAge(cacheControl, STALE_MAX_AGE_SECONDS);
            }
            String etag = etag(imageRequest, version);
            // A 304 only for a variant that exists: held, or rendered just now. A conditional
            // request must not let a client skip the checks on a corrupt or oversized original.
            boolean clientCurrent = Conditional.notModified(request, etag, version.lastModified());
            if (clientCurrent && renders.holds(etag)) {
                notModified(response, etag, version, cacheControl, imageRequest);
                return;
            }
            RenderCache.Lookup lookup = lookUp(imageRequest, request, version, etag, originFailure, prefetched);
            if (lookup.origin().isHit()) {
                statistics.cacheHit();
            } else {
                statistics.cacheMiss();
            }
            if (clientCurrent) {
                notModified(response, etag, version, cacheControl, imageRequest);
                return;
            }
            writeImage(response, imageRequest, lookup, etag, version, cacheControl, head, started);
        } catch (HttpProblem problem) {
            refuse(response, problem, head);
        } catch (RenderException failure) {
            HttpProblem problem = Problems.of(failure);
            logRenderFailure(request, problem, failure);
            refuse(response, problem, head);
        } catch (IOException e) {
            throw e; // the client's connection
        } catch (Exception e) {
            renderFailures.log(System.Logger.Level.ERROR, "imgfilter: failed to serve " + LogText.path(request.getRequestURI()), e);
            refuse(response, new HttpProblem(500, "internal error"), head);
        }
    }

    /**
     * The variant: a failure remembered for it, or from the result cache, or rendered. While the
     * origin fails ({@code originFailure}), only a variant already held is answered.
     */
    private RenderCache.Lookup lookUp(ImageRequest imageRequest, HttpServletRequest request, SourceVersion version,
            String etag, HttpProblem originFailure, PrefetchedOriginal prefetched) throws Exception {
        String sourceKey = imageRequest.source().decoded() + '\0' + version.tag();
        Optional<RenderException> remembered = failures.recall(sourceKey, etag);
        if (remembered.isPresent()) {
            throw remembered.get();
        }
        if (originFailure != null) {
            if (!renders.holds(etag)) {
                throw originFailure; // nothing rendered before: 502 or 504 as without stale-if-error
            }
            RenderCache.Lookup stale = renders.get(etag, deadline -> {
                throw originFailure; // evicted meanwhile
            });
            statistics.servedStale();
            return stale;
        }
        // The ETag names the original's version and the variant: it is the cache key too.
        VariantKey variant = new VariantKey(etag, imageRequest.source().decoded());
        return renders.get(variant, deadline -> render(imageRequest, request, sourceKey, etag, prefetched, deadline));
    }

    private void writeImage(HttpServletResponse response, ImageRequest imageRequest, RenderCache.Lookup lookup, String etag,
            SourceVersion version, String cacheControl, boolean head, long started) throws IOException {
        RenderedImage image = lookup.image();
        response.setStatus(HttpServletResponse.SC_OK);
        writeValidators(response, etag, version, cacheControl);
        tagOriginal(response, imageRequest);
        response.setContentType(image.format().mediaType());
        response.setHeader("Content-Disposition",
                Responses.contentDisposition(imageRequest.source().fileName(), image.format().extension()));
        response.setContentLength(image.data().length);
        if (settings.serverTiming()) {
            response.setHeader("Server-Timing", Responses.serverTiming(lookup.origin(), System.nanoTime() - started));
        }
        if (!head) {
            response.getOutputStream().write(image.data());
        }
    }

    /** {@code cache-tag-header}: every variant of one original carries the same tag, for a CDN's purge. */
    private void tagOriginal(HttpServletResponse response, ImageRequest imageRequest) {
        if (settings.cacheTagHeader() != null) {
            response.setHeader(settings.cacheTagHeader(), CacheTags.of(imageRequest.source().decoded()));
        }
    }

    private void notModified(HttpServletResponse response, String etag, SourceVersion version, String cacheControl,
            ImageRequest imageRequest) {
        statistics.notModified();
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        writeValidators(response, etag, version, cacheControl);
        tagOriginal(response, imageRequest);
    }

    /** One line per failed render, a few a minute: hostile traffic must not fill the host's log. */
    private void logRenderFailure(HttpServletRequest request, HttpProblem problem, RenderException failure) {
        String line = "imgfilter: " + problem.status() + " " + problem.clientMessage() + ": " + LogText.path(request.getRequestURI());
        if (failure.getCause() instanceof OutOfMemoryError) {
            renderFailures.log(System.Logger.Level.WARNING, line + " (the JVM ran out of memory during the render)");
        } else {
            renderFailures.log(System.Logger.Level.INFO, line);
        }
    }

    /**
     * {@code format=auto}: WebP for a browser that says it accepts it (and where WebP can be
     * written), otherwise the original's family. The choice is part of the options, hence of
     * the ETag and the cache key; the answer says {@code Vary: Accept}.
     */
    private static ImageRequest negotiateFormat(ImageRequest request, HttpServletRequest http) {
        boolean webp = accepts(http.getHeader("Accept"), "image/webp") && ImageRenderer.canWriteWebp();
        return request.withOptions(request.options().withNegotiatedFormat(webp ? OutputFormat.WEBP : null));
    }

    /** True when the Accept header lists the media type without {@code q=0}. */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (parts[0].strip().equalsIgnoreCase(mediaType)) {
                for (int i = 1; i < parts.length; i++) {
                    // parameter names are case-insensitive (RFC 9110 §5.6.6)
                    String parameter = parts[i].strip().replace(" ", "").toLowerCase(Locale.ROOT);
                    if (parameter.equals("q=0") || parameter.matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletResponse response, HttpProblem problem, boolean head) throws IOException {
        statistics.rejected(problem.status(), problem.clientMessage());
        Responses.sendProblem(response, problem, !head);
    }

    /**
     * Runs on a render thread: reads the original and renders it, within the deadline. A failure
     * that the original would cause again is remembered for a while; a render that only started
     * after its request had waited most of its time is not the original's fault.
     */
    private RenderedImage render(ImageRequest imageRequest, HttpServletRequest request, String sourceKey, String etag,
            PrefetchedOriginal prefetched, Deadline deadline)
            throws HttpProblem, RenderException {
        if (deadline.passed()) {
            throw new RenderBusyException(); // waited in the queue past its request's time
        }
        long start = System.nanoTime();
        boolean fullTime = deadline.remainingNanos() >= renderTimeoutNanos / 2;
        try {
            // the download of the version check when there was one; the renderer owns the bytes
            // (and their share of the memory budget) from here and lets go of them once decoded
            Original original = prefetched.take().orElse(null);
            if (original == null) {
                original = fetch(imageRequest, request);
            }
            byte[] content = original.content();
            MemoryBudget.Reservation held = original.reserved();
            original = null;
            RenderedImage image = renderer.render(content, held, imageRequest.options(), deadline);
            statistics.rendered(System.nanoTime() - start);
            return image;
        } catch (RenderException failure) {
            if (!(failure instanceof RenderTimeoutException) || fullTime) {
                failures.remember(sourceKey, etag, failure);
            }
            throw failure;
        }
    }

    /**
     * Refuses a request that needs a token and has no valid one, before any source is asked.
     *
     * @return the Cache-Control value for the answer: for a signed answer, private and never
     *         longer than the token's remaining life
     */
    private String checkToken(ImageRequest imageRequest, HttpServletRequest request) throws HttpProblem {
        Signing signing = settings.signing();
        if (!signing.policy().requiresToken(imageRequest)) {
            return publicCacheControl;
        }
        Verdict verdict = signing.verifier().verify(SignedRequest.of(request.getRequestURI(), request.getQueryString(),
                imageRequest.source().decoded(), imageRequest.variant()));
        if (!(verdict instanceof Verdict.Valid valid)) {
            refusals.refused(verdict, request.getRequestURI());
            throw new HttpProblem(403, "invalid or expired signature");
        }
        long maxAge = Math.max(0, Math.min(settings.cacheMaxAge().toSeconds(), valid.remaining().toSeconds()));
        return "private, max-age=" + maxAge;
    }

    /**
     * The origin failed in a way that allows serving variants of the version it last confirmed
     * (stale-if-error): that version, and the problem to answer when no such variant is held.
     */
    private static final class StaleVersion extends Exception {
        final SourceVersion version;
        final HttpProblem problem;

        StaleVersion(SourceVersion version, HttpProblem problem) {
            super(null, null, false, false);
            this.version = version;
            this.problem = problem;
        }
    }

    private SourceVersion version(ImageRequest imageRequest, HttpServletRequest request, PrefetchedOriginal prefetched)
            throws HttpProblem, StaleVersion {
        try {
            return settings.source().version(imageRequest.source(), prefetched).orElseThrow(HttpProblem::notFound);
        } catch (OriginException e) {
            HttpProblem problem = sourceFailed(request, e);
            if (e.lastKnownVersion().isPresent()) {
                throw new StaleVersion(e.lastKnownVersion().get(), problem);
            }
            throw problem;
        } catch (IOException e) {
            throw sourceFailed(request, e);
        }
    }

    private Original fetch(ImageRequest imageRequest, HttpServletRequest request) throws HttpProblem {
        try {
            return settings.source().fetch(imageRequest.source()).orElseThrow(HttpProblem::notFound);
        } catch (IOException e) {
            throw sourceFailed(request, e);
        }
    }

    private HttpProblem sourceFailed(HttpServletRequest request, IOException e) {
        if (e instanceof OriginalTooLargeException) {
            return new HttpProblem(413, "image too large");
        }
        if (e instanceof SourceBusyException) {
            return new HttpProblem(503, "busy, try again shortly"); // the memory budget is spent: not the original's fault
        }
        if (e instanceof OriginException origin) {
            // 502 or 504; the message says what went wrong, never where (that is at debug level)
            originFailures.log(System.Logger.Level.WARNING, "imgfilter: origin failed for "
                    + LogText.path(request.getRequestURI()) + ": " + origin.getMessage()
                    + (origin.lastKnownVersion().isPresent() ? " (variants rendered before are served meanwhile)" : ""));
            return new HttpProblem(origin.status(), origin.clientMessage());
        }
        originFailures.log(System.Logger.Level.ERROR, "imgfilter: " + settings.source().describe() + " failed for "
                + LogText.path(request.getRequestURI()), e);
        return new HttpProblem(500, "internal error");
    }

    @Override
    public void close() {
        refusals.flush();
        renderFailures.flush();
        originFailures.flush();
        renders.close();
        settings.source().close();
    }

    private void writeValidators(HttpServletResponse response, String etag, SourceVersion version, String cacheControl) {
        Responses.hardenHeaders(response);
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", cacheControl);
        if (version.lastModified() != null) {
            response.setDateHeader("Last-Modified", version.lastModified().toEpochMilli());
        }
    }

    /**
     * A strong validator known before rendering: the same original version and the same options,
     * rendered by the same renderer with the same defaults, always give the same bytes.
     */
    private String etag(ImageRequest imageRequest, SourceVersion version) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(renderingFingerprint);
            sha256.update(imageRequest.source().decoded().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(version.tag().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(imageRequest.options().canonical().getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest();
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

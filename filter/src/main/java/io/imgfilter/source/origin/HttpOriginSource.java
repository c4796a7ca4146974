package io.imgfilter.source.origin;

import io.imgfilter.concurrent.DaemonThreads;
import io.imgfilter.render.MemoryBudget;
import io.imgfilter.request.SourcePath;
import io.imgfilter.source.ImageSource;
import io.imgfilter.source.Original;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.OriginalTooLargeException;
import io.imgfilter.source.SourceBusyException;
import io.imgfilter.source.SourceVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Originals fetched from a hidden HTTP(S) origin or an S3 bucket with the JDK's HTTP client.
 *
 * <ul>
 *   <li>The URL is the origin's base plus the source path, each segment encoded again
 *       ({@link OriginLocator}): a request can never go to another host, port or scheme, or above the base.</li>
 *   <li>Every request carries the configured headers and, for S3, a SigV4 signature.</li>
 *   <li>200 is the original (at most {@code max-source-bytes}, else 413); 404 and 410 are "not found";
 *       anything else, a body that is not an image, a dropped connection or a truncated body is an
 *       {@link OriginException} (502); no answer within the timeout is a 504.</li>
 *   <li>Redirects are followed only within the base URL, at most {@value #MAX_REDIRECTS} times.</li>
 *   <li>The validators of every original and the bytes of recent ones are kept in a
 *       {@link ValidatorCache}; asking for a version sends {@code If-None-Match}/
 *       {@code If-Modified-Since}, and a 304 costs no download, whatever the original's size. One
 *       confirmed less than {@link #RECHECK_AFTER} ago is not asked for again: the filter asks for
 *       an original's version, then for its bytes when the variant is not in its result cache,
 *       and a version check that had to download the original hands those bytes on.</li>
 *   <li>Bodies take their bytes from the render memory budget as they arrive ({@link CappedBody}):
 *       a download that does not fit now is given up (503), one that could never fit is refused
 *       from its Content-Length (413).</li>
 *   <li>A failure that says nothing about the original (refused, dropped, timed out, 5xx)
 *       carries the version the origin last confirmed, within {@code origin-stale-if-error}, so
 *       that variants already rendered from it may be served meanwhile.</li>
 *   <li>Once connecting failed, the origin is not asked again for a second, then two, up to
 *       thirty while it stays unreachable ({@link OriginHealth}): requests fail at once meanwhile.</li>
 *   <li>An exchange that is not used to its end is cancelled and its body abandoned, which
 *       closes the connection; only bytes taken out of a finished response are kept.</li>
 *   <li>At most {@code maxConnections} requests run at once, on a bounded thread pool.</li>
 * </ul>
 *
 * Nothing of the origin's answer reaches the client but the image bytes and their modification
 * time: no header is copied. Failures are logged at warning level without the origin's address;
 * the address and the cause appear only at debug level, credentials never.
 */
public final class HttpOriginSource implements ImageSource {

    static final int MAX_REDIRECTS = 3;
    /** An original confirmed by the origin this recently is not asked for again. */
    static final Duration RECHECK_AFTER = Duration.ofSeconds(1);
    private static final int ERROR_BODY_LIMIT = 4096;
    private static final System.Logger LOG = System.getLogger(HttpOriginSource.class.getName());
    private static final Pattern S3_ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,64})</Code>");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final OriginLocator locator;
    private final List<RequestAuthenticator> authenticators;
    private final OriginOptions options;
    private final boolean followRedirects;
    private final String description;
    private final boolean privateResults;
    /** Null once closed: on Java 17 the client's threads end only when nothing references it. */
    private volatile HttpClient client;
    private final ThreadPoolExecutor executor;
    private final DaemonThreads threads;
    private final Semaphore permits;
    private final ValidatorCache cache;
    /** The render memory budget, which originals take their bytes from as they arrive. */
    private final MemoryBudget memory;
    /** Nanoseconds, for how long ago the origin confirmed an original: tests step it. */
    private final LongSupplier clock;
    private final OriginHealth health;

    private HttpOriginSource(OriginLocator locator, boolean secure, List<RequestAuthenticator> authenticators,
            OriginOptions options, boolean followRedirects, String description, SSLContext tls, MemoryBudget memory,
            LongSupplier clock) {
        this.memory = memory == null ? unbounded() : memory;
        this.clock = clock;
        this.health = new OriginHealth(clock);
        this.locator = locator;
        this.authenticators = List.copyOf(authenticators);
        this.options = options;
        this.followRedirects = followRedirects;
        this.description = description;
        this.privateResults = !options.sharePublicly() && this.authenticators.stream().anyMatch(RequestAuthenticator::sendsCredentials);
        this.permits = new Semaphore(options.maxConnections(), true);
        this.cache = new ValidatorCache(options.cacheBytes());
        int threads = Math.max(2, Math.min(options.maxConnections(), 8));
        int clientNumber = CLIENTS.incrementAndGet();
        this.threads = new DaemonThreads("imgfilter-origin-" + clientNumber);
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this.threads);
        executor.allowCoreThreadTimeOut(true);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(secure ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .executor(executor);
        if (tls != null) {
            builder.sslContext(tls);
        }
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.client = WebappSafeHttpClient.build(builder);
        LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: " + description + " at " + locator);
    }

    /** A hidden HTTP(S) origin: {@code base} plus the source path, with the configured headers. */
    public static HttpOriginSource http(HttpBaseUrl base, OriginHeaders headers, OriginOptions options) {
        return http(base, headers, options, null, null);
    }

    /**
     * As {@link #http(HttpBaseUrl, OriginHeaders, OriginOptions)}, trusting the certificates that
     * {@code tls} trusts instead of the JVM's default trust store (null for the default), and
     * counting downloads in {@code memory}, the render memory budget (null for no bound).
     */
    public static HttpOriginSource http(HttpBaseUrl base, OriginHeaders headers, OriginOptions options, SSLContext tls,
            MemoryBudget memory) {
        return http(base, headers, options, tls, memory, System::nanoTime);
    }

    /** As above, with the clock that ages confirmations (nanoseconds): for tests. */
    static HttpOriginSource http(HttpBaseUrl base, OriginHeaders headers, OriginOptions options, SSLContext tls,
            MemoryBudget memory, LongSupplier clock) {
        String description = "hidden HTTP origin" + (headers.isEmpty() ? "" : " (sending headers " + headers + ")");
        return new HttpOriginSource(base, base.secure(), List.of(headers), options, true, description, tls, memory, clock);
    }

    /**
     * An S3 bucket (or an S3-compatible store): GETs signed with {@code signer}, or unsigned for a
     * public bucket when it is null; {@code headers} are sent (and signed) too.
     */
    public static HttpOriginSource s3(S3Location location, OriginHeaders headers, SigV4Signer signer, OriginOptions options) {
        return s3(location, headers, signer, options, null);
    }

    /** As above, counting downloads in {@code memory}, the render memory budget (null for no bound). */
    public static HttpOriginSource s3(S3Location location, OriginHeaders headers, SigV4Signer signer, OriginOptions options,
            MemoryBudget memory) {
        return s3(location, headers, signer, options, memory, System::nanoTime);
    }

    /** As above, with the clock that ages confirmations (nanoseconds): for tests. */
    static HttpOriginSource s3(S3Location location, OriginHeaders headers, SigV4Signer signer, OriginOptions options,
            MemoryBudget memory, LongSupplier clock) {
        List<RequestAuthenticator> authenticators = new ArrayList<>();
        authenticators.add(headers);
        if (signer != null) {
            authenticators.add(signer);
        }
        String description = "S3 origin" + (signer == null ? " (unsigned requests)" : " (SigV4-signed requests)");
        return new HttpOriginSource(location, location.secure(), authenticators, options, false, description, null, memory,
                clock);
    }

    /** Without a render budget to share (tools, tests): downloads are bounded by max-source-bytes alone. */
    private static MemoryBudget unbounded() {
        return new MemoryBudget(Long.MAX_VALUE / 4);
    }

    @Override
    public Optional<Original> fetch(SourcePath path) throws IOException {
        return lookUp(path, true).map(Found::original);
    }

    @Override
    public Optional<SourceVersion> version(SourcePath path) throws IOException {
        return version(path, Original::release);
    }

    /**
     * The original's version, from the validators when the origin confirmed them less than
     * {@link #RECHECK_AFTER} ago, else from a conditional request; when that request had to
     * download the original (none known yet, or it changed), the bytes go to {@code downloaded}.
     */
    @Override
    public Optional<SourceVersion> version(SourcePath path, Consumer<Original> downloaded) throws IOException {
        Optional<Found> found = lookUp(path, false);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get().downloaded()) {
            downloaded.accept(found.get().original());
        }
        return Optional.of(found.get().version());
    }

    /**
     * What a lookup found: the version, and the bytes when they were asked for or downloaded
     * anyway ({@code downloaded}: fresh from the origin, counted in the render memory budget).
     */
    private record Found(SourceVersion version, Original original, boolean downloaded) {
    }

    /**
     * @param needBytes whether the caller needs the bytes, not only the version
     */
    private Optional<Found> lookUp(SourcePath path, boolean needBytes) throws IOException {
        String key = path.decoded();
        ValidatorCache.Entry known = cache.get(key);
        Optional<Found> confirmed = recentlyConfirmed(known, needBytes);
        if (confirmed.isPresent()) {
            return confirmed; // no connection needed
        }
        OriginException down = health.refusal();
        if (down != null) {
            throw withStaleVersion(down, known); // it could not be reached just now: not asked again yet
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try {
            try {
                if (!permits.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                    throw OriginException.timeout("no free origin connection within " + seconds(options.timeout())
                            + " (origin-max-connections " + options.maxConnections() + " all busy)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OriginException.badGateway("interrupted while waiting for an origin connection");
            }
            try {
                // another request may have confirmed it while this one waited for a connection
                known = cache.get(key);
                confirmed = recentlyConfirmed(known, needBytes);
                return confirmed.isPresent() ? confirmed : ask(path, key, known, needBytes, deadline);
            } finally {
                permits.release();
            }
        } catch (OriginException failure) {
            throw withStaleVersion(failure, cache.get(key));
        } finally {
            health.undecided();
        }
    }

    private Optional<Found> recentlyConfirmed(ValidatorCache.Entry known, boolean needBytes) {
        if (known == null || clock.getAsLong() - known.checkedAt() >= RECHECK_AFTER.toNanos()) {
            return Optional.empty();
        }
        if (!needBytes) {
            return Optional.of(new Found(known.version(), null, false));
        }
        return known.hasContent() ? Optional.of(new Found(known.version(), known.original(), false)) : Optional.empty();
    }

    /**
     * A failure of the origin that says nothing about the original, with the version the origin
     * last confirmed when that was within {@code origin-stale-if-error}: variants rendered from it
     * may be served meanwhile.
     */
    private OriginException withStaleVersion(OriginException failure, ValidatorCache.Entry known) {
        if (!failure.isTransient() || known == null || options.staleIfError().isZero()
                || clock.getAsLong() - known.checkedAt() > options.staleIfError().toNanos()) {
            return failure;
        }
        return failure.withLastKnownVersion(known.version());
    }

    /** One exchange with the origin (redirects followed), holding a connection permit. */
    private Optional<Found> ask(SourcePath path, String key, ValidatorCache.Entry known, boolean needBytes, long deadline)
            throws IOException {
        URI uri = locator.locate(path);
        // a 304 is only of use when what it confirms is at hand: the version, or the bytes too
        ValidatorCache.Entry conditional = known != null && known.revalidatable() && (!needBytes || known.hasContent())
                ? known : null;
        for (int redirects = 0;; redirects++) {
            Received received = send(uri, conditional, deadline);
            int status = received.status();
            if (status == 200) {
                Original original;
                try {
                    original = toOriginal(uri, received);
                } catch (IOException | RuntimeException e) {
                    release(received);
                    throw e;
                }
                String etag = received.headers().firstValue("ETag").orElse(null);
                String lastModified = received.headers().firstValue("Last-Modified").orElse(null);
                cache.put(key, new ValidatorCache.Entry(original.sourceVersion(), etag, lastModified, clock.getAsLong(),
                        original.content()));
                return Optional.of(new Found(original.sourceVersion(), original, true));
            }
            release(received);
            if (status == 304 && conditional != null) {
                ValidatorCache.Entry now = conditional.confirmedAt(clock.getAsLong());
                cache.put(key, now);
                URI unchanged = uri;
                LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin says " + unchanged + " is unchanged");
                return Optional.of(new Found(now.version(), needBytes ? now.original() : null, false));
            }
            if (status == 404 || status == 410) {
                cache.remove(key);
                return Optional.empty();
            }
            if (isRedirect(status) && followRedirects && redirects < MAX_REDIRECTS) {
                uri = redirectTarget(uri, received);
                continue;
            }
            throw refusal(uri, received);
        }
    }

    /**
     * An answer: its status, headers and body, and what the body holds of the render memory
     * budget (null when nothing). Only the bytes taken out of the client's response are kept:
     * the client may keep a finished exchange reachable from a pooled connection.
     */
    private record Received(int status, HttpHeaders headers, byte[] body, MemoryBudget.Reservation memory) {
    }

    private static void release(Received received) {
        if (received.memory() != null) {
            received.memory().close();
        }
    }

    private Received send(URI uri, ValidatorCache.Entry cached, long deadline) throws IOException {
        Duration remaining = Duration.ofNanos(remaining(deadline));
        if (remaining.isNegative() || remaining.isZero()) {
            throw OriginException.timeout("no answer within " + seconds(options.timeout()));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Accept-Encoding", "identity"));
        if (cached != null && cached.etag() != null) {
            headers.add(Map.entry("If-None-Match", cached.etag()));
        }
        if (cached != null && cached.lastModified() != null) {
            headers.add(Map.entry("If-Modified-Since", cached.lastModified()));
        }
        for (RequestAuthenticator authenticator : authenticators) {
            headers.addAll(authenticator.headers("GET", uri, List.copyOf(headers)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(remaining);
        for (Map.Entry<String, String> header : headers) {
            request.header(header.getKey(), header.getValue());
        }
        HttpClient open = client;
        if (open == null) {
            throw OriginException.badGateway("the origin source is closed");
        }
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<CappedBody.Body>> exchange = open.sendAsync(request.build(), info -> {
            // the origin answers: reachable again as soon as its headers arrive, not once a slow
            // or large body is done (a drip must not keep every other request failing fast)
            health.answered();
            boolean original = info.statusCode() == 200;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            CappedBody subscriber = original
                    ? new CappedBody(options.maxBytes(), true, declared, memory.reserveNothing())
                    : new CappedBody(ERROR_BODY_LIMIT, false, declared);
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<CappedBody.Body> response = exchange.get(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
            CappedBody finished = body.get();
            return new Received(response.statusCode(), response.headers(), response.body().take(),
                    finished == null ? null : finished.reservation());
        } catch (TimeoutException e) {
            abandon(exchange, body.get());
            LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin request timed out: " + uri);
            throw OriginException.timeout("no complete answer within " + seconds(options.timeout()));
        } catch (InterruptedException e) {
            abandon(exchange, body.get());
            Thread.currentThread().interrupt();
            throw OriginException.badGateway("interrupted while waiting for the origin");
        } catch (ExecutionException | CancellationException e) {
            abandon(exchange, body.get());
            throw failure(uri, e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * Ends an exchange that will not be used: the body stops reading and lets go of what it
     * held, and the request is cancelled, which closes its connection rather than returning it
     * to the pool with unread bytes on it.
     */
    private static void abandon(CompletableFuture<HttpResponse<CappedBody.Body>> exchange, CappedBody body) {
        if (body != null) {
            body.abandon();
        }
        exchange.cancel(true);
    }

    /** Maps what went wrong on the wire to 413, 503, 504 or 502, logging the details at debug level. */
    private IOException failure(URI uri, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin request failed: " + uri, cause);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OriginalTooLargeException tooLarge) {
                return new OriginalTooLargeException(options.maxBytes() < memory.totalBytes() ? options.maxBytes() : memory.totalBytes());
            }
            if (t instanceof SourceBusyException busy) {
                return new SourceBusyException(busy.getMessage());
            }
            if (t instanceof OriginException origin) {
                return origin;
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                OriginException failure = OriginException.timeout("could not connect within " + seconds(options.connectTimeout()));
                health.connectFailed(failure);
                return failure;
            }
            if (t instanceof HttpTimeoutException) {
                return OriginException.timeout("no answer within " + seconds(options.timeout()));
            }
            if (t instanceof ConnectException) {
                OriginException failure = OriginException.unavailable("could not connect to the origin (refused or unreachable)",
                        cause);
                health.connectFailed(failure);
                return failure;
            }
        }
        return OriginException.unavailable("the connection to the origin failed or closed early ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    private OriginException refusal(URI uri, Received response) {
        int status = response.status();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Matcher code = S3_ERROR_CODE.matcher(body);
        String errorCode = code.find() ? " (" + code.group(1) + ")" : "";
        LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin answered " + status + " for " + uri);
        String hint = switch (status) {
            case 401, 403 -> ": it refused the filter's credentials or access";
            case 301, 302, 303, 307, 308 -> followRedirects
                    ? ": a redirect away from the base URL, or too many; only redirects within it are followed"
                    : ": redirects are not followed (is the endpoint, region or addressing style right?)";
            default -> "";
        };
        String message = "origin answered " + status + errorCode + hint;
        // a server error says nothing about the original: variants of it may be served stale
        return status >= 500 ? OriginException.unavailable(message, null) : OriginException.badGateway(message);
    }

    private Original toOriginal(URI uri, Received response) throws OriginException {
        HttpHeaders headers = response.headers();
        String encoding = headers.firstValue("Content-Encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity")) {
            throw OriginException.badGateway("origin sent a body in Content-Encoding " + encoding + " although identity was asked for");
        }
        String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("image/") && (type.startsWith("text/") || type.contains("html") || type.contains("json")
                || type.contains("xml"))) {
            LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin answered " + type + " for " + uri);
            throw OriginException.badGateway("origin answered 200 with " + type.split(";")[0] + ", not an image");
        }
        byte[] content = response.body();
        if (content.length == 0) {
            throw OriginException.badGateway("origin answered 200 with an empty body");
        }
        Instant lastModified = headers.firstValue("Last-Modified").map(HttpOriginSource::parseDate).orElse(null);
        String etag = headers.firstValue("ETag").orElse(null);
        String version;
        if (etag != null) {
            version = "e" + etag + "-" + Long.toHexString(content.length);
        } else if (lastModified != null) {
            version = "m" + Long.toHexString(lastModified.toEpochMilli()) + "-" + Long.toHexString(content.length);
        } else {
            version = "h" + sha256Prefix(content);
        }
        return new Original(content, lastModified, version, response.memory());
    }

    private URI redirectTarget(URI from, Received response) throws OriginException {
        String location = response.headers().firstValue("Location").orElse(null);
        URI target;
        try {
            target = location == null ? null : from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || target.getRawQuery() != null || !locator.contains(target)) {
            URI refused = target;
            LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: redirect from " + from + " to " + refused + " not followed");
            throw OriginException.badGateway("origin answered " + response.status()
                    + " with a redirect outside its base URL; only redirects within it are followed");
        }
        return target;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String sha256Prefix(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean privateResults() {
        return privateResults;
    }

    /** Originals kept for revalidation: count and bytes, for tests and monitoring. */
    public long[] cacheUsage() {
        return new long[] {cache.count(), cache.bytes()};
    }

    /**
     * Stops the client and the threads it runs on. On Java 21 and later, HttpClient's shutdownNow()
     * and close() end its SelectorManager thread; Java 17 has neither, and that thread ends by
     * itself once the client is unreachable, so this source lets go of it (and keeps refusing
     * fetches). The pool the client runs its tasks on is this source's own, shut down here and
     * awaited, so that none of its threads outlives the webapp.
     */
    @Override
    public void close() {
        HttpClient closing = client;
        client = null;
        if (closing != null) {
            invokeIfPresent(closing, "shutdownNow"); // Java 21 and later: ends exchanges in progress
            invokeIfPresent(closing, "close"); // Java 21 and later: waits for the client's threads
        }
        // the threads gone, not only the tasks: Tomcat reports a pool thread still exiting as a leak
        if (!threads.shutDown(executor, Duration.ofSeconds(5))) {
            LOG.log(System.Logger.Level.DEBUG, "imgfilter: origin threads still running 5s after closing");
        }
    }

    private static void invokeIfPresent(HttpClient client, String method) {
        try {
            HttpClient.class.getMethod(method).invoke(client);
        } catch (NoSuchMethodException e) {
            // Java 17
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "imgfilter: HttpClient." + method + "() failed", e);
        }
    }
}

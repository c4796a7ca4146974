package io.imgfilter.source.origin;

import io.imgfilter.request.SourcePath;
import io.imgfilter.source.ImageSource;
import io.imgfilter.source.Original;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.OriginalTooLargeException;
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
 *   <li>Originals are kept with their validators in a bounded {@link ValidatorCache}; asking again
 *       sends {@code If-None-Match}/{@code If-Modified-Since}, and a 304 costs no download. One
 *       confirmed less than {@link #RECHECK_AFTER} ago is not asked for again: the filter asks for
 *       an original's version, then for its bytes when the variant is not in its result cache.</li>
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
    private final Semaphore permits;
    private final ValidatorCache cache;

    private HttpOriginSource(OriginLocator locator, boolean secure, List<RequestAuthenticator> authenticators,
            OriginOptions options, boolean followRedirects, String description, SSLContext tls) {
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
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "imgfilter-origin-" + clientNumber + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        this.client = buildOutsideTheWebapp(builder);
        LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: " + description + " at " + locator);
    }

    /**
     * Builds the client with the system class loader as the thread's context class loader, so that
     * the client's SelectorManager thread, which it starts at once, inherits that one rather than
     * the webapp's (the filter is initialised on a thread whose context class loader is the
     * webapp's). Java 17 cannot stop that thread: it ends by itself a few seconds after the client
     * is garbage collected, which is after the webapp stopped. With the webapp's class loader as its
     * context class loader it would be a thread of the webapp outliving it, which Tomcat reports as
     * a leak when the webapp is undeployed.
     */
    private static HttpClient buildOutsideTheWebapp(HttpClient.Builder builder) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        } catch (SecurityException e) {
            return builder.build();
        }
        try {
            return builder.build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A hidden HTTP(S) origin: {@code base} plus the source path, with the configured headers. */
    public static HttpOriginSource http(HttpBaseUrl base, OriginHeaders headers, OriginOptions options) {
        return http(base, headers, options, null);
    }

    /**
     * As {@link #http(HttpBaseUrl, OriginHeaders, OriginOptions)}, trusting the certificates that
     * {@code tls} trusts instead of the JVM's default trust store (null for the default).
     */
    public static HttpOriginSource http(HttpBaseUrl base, OriginHeaders headers, OriginOptions options, SSLContext tls) {
        String description = "hidden HTTP origin" + (headers.isEmpty() ? "" : " (sending headers " + headers + ")");
        return new HttpOriginSource(base, base.secure(), List.of(headers), options, true, description, tls);
    }

    /**
     * An S3 bucket (or an S3-compatible store): GETs signed with {@code signer}, or unsigned for a
     * public bucket when it is null; {@code headers} are sent (and signed) too.
     */
    public static HttpOriginSource s3(S3Location location, OriginHeaders headers, SigV4Signer signer, OriginOptions options) {
        List<RequestAuthenticator> authenticators = new ArrayList<>();
        authenticators.add(headers);
        if (signer != null) {
            authenticators.add(signer);
        }
        String description = "S3 origin" + (signer == null ? " (unsigned requests)" : " (SigV4-signed requests)");
        return new HttpOriginSource(location, location.secure(), authenticators, options, false, description, null);
    }

    @Override
    public Optional<Original> fetch(SourcePath path) throws IOException {
        ValidatorCache.Entry fresh = cache.get(path.decoded());
        if (fresh != null && System.nanoTime() - fresh.checkedAt() < RECHECK_AFTER.toNanos()) {
            return Optional.of(fresh.original()); // just confirmed: no connection needed
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
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
            return fetchWithPermit(path, deadline);
        } finally {
            permits.release();
        }
    }

    private Optional<Original> fetchWithPermit(SourcePath path, long deadline) throws IOException {
        String key = path.decoded();
        URI uri = locator.locate(path);
        ValidatorCache.Entry cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.checkedAt() < RECHECK_AFTER.toNanos()) {
            return Optional.of(cached.original());
        }
        if (cached != null && !cached.revalidatable()) {
            cached = null;
        }
        for (int redirects = 0;; redirects++) {
            HttpResponse<byte[]> response = send(uri, cached, deadline);
            int status = response.statusCode();
            if (status == 200) {
                Original original = toOriginal(uri, response);
                String etag = response.headers().firstValue("ETag").orElse(null);
                String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
                cache.put(key, new ValidatorCache.Entry(original, etag, lastModified, System.nanoTime()));
                return Optional.of(original);
            }
            if (status == 304 && cached != null) {
                cache.put(key, cached.checkedNow());
                URI unchanged = uri;
                LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin says " + unchanged + " is unchanged");
                return Optional.of(cached.original());
            }
            if (status == 404 || status == 410) {
                cache.remove(key);
                return Optional.empty();
            }
            if (isRedirect(status) && followRedirects && redirects < MAX_REDIRECTS) {
                uri = redirectTarget(uri, response);
                continue;
            }
            throw refusal(uri, status, response);
        }
    }

    private HttpResponse<byte[]> send(URI uri, ValidatorCache.Entry cached, long deadline) throws IOException {
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
        CompletableFuture<HttpResponse<byte[]>> exchange = open.sendAsync(request.build(), info -> {
            boolean original = info.statusCode() == 200;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new CappedBody(original ? options.maxBytes() : ERROR_BODY_LIMIT, original, declared);
        });
        try {
            return exchange.get(Math.max(1, remaining(deadline)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin request timed out: " + uri);
            throw OriginException.timeout("no complete answer within " + seconds(options.timeout()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw OriginException.badGateway("interrupted while waiting for the origin");
        } catch (ExecutionException | CancellationException e) {
            throw failure(uri, e.getCause() == null ? e : e.getCause());
        }
    }

    /** Maps what went wrong on the wire to 413, 504 or 502, logging the details at debug level. */
    private IOException failure(URI uri, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, () -> "imgfilter: origin request failed: " + uri, cause);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OriginalTooLargeException) {
                return new OriginalTooLargeException(options.maxBytes());
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return OriginException.timeout("could not connect within " + seconds(options.connectTimeout()));
            }
            if (t instanceof HttpTimeoutException) {
                return OriginException.timeout("no answer within " + seconds(options.timeout()));
            }
            if (t instanceof ConnectException) {
                return OriginException.badGateway("could not connect to the origin (refused or unreachable)", cause);
            }
        }
        return OriginException.badGateway("the connection to the origin failed or closed early ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    private OriginException refusal(URI uri, int status, HttpResponse<byte[]> response) {
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
        return OriginException.badGateway("origin answered " + status + errorCode + hint);
    }

    private Original toOriginal(URI uri, HttpResponse<byte[]> response) throws OriginException {
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
        return new Original(content, lastModified, version);
    }

    private URI redirectTarget(URI from, HttpResponse<byte[]> response) throws OriginException {
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
            throw OriginException.badGateway("origin answered " + response.statusCode()
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
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.DEBUG, "imgfilter: origin threads still running 5s after closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

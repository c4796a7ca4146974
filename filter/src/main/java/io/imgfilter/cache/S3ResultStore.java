package io.imgfilter.cache;

import io.imgfilter.concurrent.DaemonThreads;
import io.imgfilter.http.CacheTags;
import io.imgfilter.logging.ThrottledLog;
import io.imgfilter.render.Deadline;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.SourcePath;
import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;
import io.imgfilter.source.origin.WebappSafeHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rendered variants kept in an S3 bucket (AWS or any S3-compatible store) that every node of a
 * cluster shares, over the JDK's HTTP client with SigV4-signed requests.
 *
 * <ul>
 *   <li>The object key is the store's prefix, then {@link StoreKeys}: a hash of the original's
 *       path, then the variant's ETag. No token, signature or secret is ever part of a key.</li>
 *   <li>An object carries the variant's {@code Content-Type} and, as {@code x-amz-meta-} metadata,
 *       its ETag and size; a GET serves it only when both match (a known image type, the ETag
 *       asked for), so an object written by something else is a miss, never a wrong image.</li>
 *   <li>A GET waits at most half the render timeout (and never past the request's deadline), so a
 *       slow store leaves time to render; its body is refused past {@code maxBodyBytes}.</li>
 *   <li>Every failure is a miss, logged a few lines a minute. After a connection failure or a
 *       timeout the store is not asked for {@link #PAUSE}, so a store that is down costs nothing
 *       but the renders it would have saved.</li>
 *   <li>PUTs run on {@value #PUT_THREADS} threads of their own with a queue of
 *       {@value #PUT_QUEUE}: never in the way of an answer; when the queue is full a variant is not
 *       stored (another node, or a later render, stores it).</li>
 * </ul>
 */
public final class S3ResultStore implements ResultStore {

    /** How long the store is left alone after it could not be reached or did not answer in time. */
    static final Duration PAUSE = Duration.ofSeconds(2);
    static final int PUT_THREADS = 2;
    static final int PUT_QUEUE = 32;
    static final String META_ETAG = "x-amz-meta-imgfilter-etag";
    static final String META_WIDTH = "x-amz-meta-imgfilter-width";
    static final String META_HEIGHT = "x-amz-meta-imgfilter-height";
    private static final AtomicInteger STORES = new AtomicInteger();
    /** The longest listing page read: S3 returns at most 1000 keys, about 200 KB. */
    static final long MAX_LISTING_BYTES = 8L << 20;
    private static final Pattern LISTED_KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern TRUNCATED = Pattern.compile("<IsTruncated>([^<]*)</IsTruncated>");
    private static final Pattern NEXT_TOKEN = Pattern.compile("<NextContinuationToken>([^<]*)</NextContinuationToken>");
    private static final Pattern XML_ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});");

    private final S3Location location;
    private final SigV4Signer signer;
    private final long getTimeoutNanos;
    private final Duration putTimeout;
    private final long maxBodyBytes;
    private final ThreadPoolExecutor clientThreads;
    private final ThreadPoolExecutor puts;
    /** Null once closed: on Java 17 the client's threads end only when nothing references it. */
    private volatile HttpClient client;
    private volatile long pausedUntil;
    private final AtomicLong dropped = new AtomicLong();
    private final ThrottledLog failures = ThrottledLog.create(S3ResultStore.class.getName(), "result store failures");

    /**
     * @param renderTimeout the filter's {@code render-timeout}: GETs wait at most half of it, PUTs all of it (at least 10 s)
     * @param maxBodyBytes  the largest object a GET reads
     */
    public S3ResultStore(S3Location location, SigV4Signer signer, Duration renderTimeout, long maxBodyBytes, String name) {
        this.location = location;
        this.signer = signer;
        this.getTimeoutNanos = Math.max(1, renderTimeout.toNanos() / 2);
        this.putTimeout = renderTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : renderTimeout;
        this.maxBodyBytes = maxBodyBytes;
        int number = STORES.incrementAndGet();
        this.clientThreads = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("imgfilter-store-" + name + "-" + number));
        this.clientThreads.allowCoreThreadTimeOut(true);
        this.puts = new ThreadPoolExecutor(PUT_THREADS, PUT_THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(PUT_QUEUE),
                new DaemonThreads("imgfilter-store-put-" + name + "-" + number), (task, executor) -> dropped.incrementAndGet());
        this.puts.allowCoreThreadTimeOut(true);
        Duration connect = Duration.ofNanos(Math.min(getTimeoutNanos, Duration.ofSeconds(3).toNanos()));
        this.client = WebappSafeHttpClient.build(HttpClient.newBuilder()
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads));
    }

    @Override
    public Optional<RenderedImage> get(VariantKey key, Deadline deadline) {
        HttpClient http = client;
        if (http == null || paused()) {
            return Optional.empty();
        }
        long waitNanos = Math.min(getTimeoutNanos, deadline.remainingNanos());
        if (waitNanos <= 0) {
            return Optional.empty();
        }
        URI uri = uri(key);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofNanos(waitNanos));
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Accept-Encoding", "identity"));
        sign(request, "GET", uri, headers, SigV4Signer.EMPTY_PAYLOAD_SHA256);
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request.build(), BoundedBody.handler(maxBodyBytes));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            pause("no answer within " + Duration.ofNanos(waitNanos).toMillis() + " ms", null);
            return Optional.empty();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            failed("GET", e.getCause());
            return Optional.empty();
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            failures.log(System.Logger.Level.WARNING, "imgfilter: the result store answered " + status + " to a GET");
            return Optional.empty();
        }
        RenderedImage image = decode(key, response.headers(), response.body());
        if (image == null) {
            failures.log(System.Logger.Level.WARNING, "imgfilter: the result store holds an object that is not the variant"
                    + " asked for (its Content-Type or ETag metadata differs); it is rendered again");
        }
        return Optional.ofNullable(image);
    }

    @Override
    public void put(VariantKey key, RenderedImage image) {
        if (client == null || paused()) {
            return;
        }
        try {
            puts.execute(() -> upload(key, image));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet(); // closed meanwhile
        }
    }

    private void upload(VariantKey key, RenderedImage image) {
        HttpClient http = client;
        if (http == null) {
            return;
        }
        URI uri = uri(key);
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("Content-Type", image.format().mediaType()),
                Map.entry(META_ETAG, StoreKeys.bareEtag(key.etag())),
                Map.entry(META_WIDTH, Integer.toString(image.width())),
                Map.entry(META_HEIGHT, Integer.toString(image.height())));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(putTimeout)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image.data()));
        sign(request, "PUT", uri, headers, sha256Hex(image.data()));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                failures.log(System.Logger.Level.WARNING, "imgfilter: the result store answered " + response.statusCode()
                        + " to a PUT; the variant is not shared");
            }
        } catch (IOException e) {
            failed("PUT", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lists the original's objects with ListObjectsV2 (its tag is their common prefix) and
     * DELETEs them one by one. Objects under that prefix whose key is not {@code tag/ETag} are not
     * this filter's and are left alone. Not paused by earlier failures: an operator asked.
     */
    @Override
    public Set<String> purge(String sourcePath) throws IOException {
        HttpClient http = client;
        if (http == null) {
            throw new IOException("the result store is closed");
        }
        String tag = CacheTags.of(sourcePath);
        String storePrefix = location.keyPrefix();
        String keyPrefix = (storePrefix.isEmpty() ? "" : storePrefix + "/") + tag + "/";
        List<String> etags = new ArrayList<>();
        String token = null;
        do {
            URI uri = location.listing(keyPrefix, token);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(putTimeout);
            sign(request, "GET", uri, List.of(), SigV4Signer.EMPTY_PAYLOAD_SHA256);
            HttpResponse<byte[]> response = send(http, request.build(), BoundedBody.handler(MAX_LISTING_BYTES), "list");
            if (response.statusCode() != 200 || response.body() == null) {
                throw new IOException("the result store answered " + response.statusCode() + " to a listing"
                        + (response.body() == null ? " (longer than " + MAX_LISTING_BYTES + " bytes)" : ""));
            }
            String listing = new String(response.body(), StandardCharsets.UTF_8);
            Matcher key = LISTED_KEY.matcher(listing);
            while (key.find() && etags.size() < MAX_PURGED) {
                String name = unescapeXml(key.group(1));
                if (name.startsWith(keyPrefix)) {
                    String etag = name.substring(keyPrefix.length());
                    if (!etag.isEmpty() && etag.indexOf('/') < 0) {
                        etags.add(etag);
                    }
                }
            }
            Matcher truncated = TRUNCATED.matcher(listing);
            Matcher next = NEXT_TOKEN.matcher(listing);
            token = truncated.find() && truncated.group(1).strip().equals("true") && next.find()
                    ? unescapeXml(next.group(1)) : null;
        } while (token != null && etags.size() < MAX_PURGED);
        Set<String> deleted = new LinkedHashSet<>();
        for (String etag : etags) {
            URI uri = location.locate(new SourcePath(List.of(tag, etag), tag + "/" + etag));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).DELETE().timeout(putTimeout);
            sign(request, "DELETE", uri, List.of(), SigV4Signer.EMPTY_PAYLOAD_SHA256);
            HttpResponse<Void> response = send(http, request.build(), HttpResponse.BodyHandlers.discarding(), "DELETE");
            int status = response.statusCode();
            if (status != 204 && status != 200 && status != 404) {
                throw new IOException("the result store answered " + status + " to a DELETE after " + deleted.size()
                        + " of " + etags.size() + " variants were deleted");
            }
            deleted.add(etag);
        }
        return deleted;
    }

    private static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler,
            String what) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during a " + what + " of the result store", e);
        } catch (IOException e) {
            throw new IOException("a " + what + " of the result store failed: " + e, e);
        }
    }

    static String unescapeXml(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher entity = XML_ENTITY.matcher(text);
        int last = 0;
        while (entity.find()) {
            out.append(text, last, entity.start());
            String name = entity.group(1);
            out.append(switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> name.startsWith("#x") || name.startsWith("#X")
                        ? new String(Character.toChars(Integer.parseInt(name.substring(2), 16)))
                        : new String(Character.toChars(Integer.parseInt(name.substring(1))));
            });
            last = entity.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** Variants not stored because the PUT queue was full, since start. */
    public long droppedPuts() {
        return dropped.get();
    }

    /** The URL of the variant's object: the prefix, the original's tag, the bare ETag. */
    URI uri(VariantKey key) {
        List<String> segments = StoreKeys.segments(key);
        return location.locate(new SourcePath(segments, String.join("/", segments)));
    }

    private void sign(HttpRequest.Builder request, String method, URI uri, List<Map.Entry<String, String>> headers,
            String payloadHash) {
        headers.forEach(h -> request.header(h.getKey(), h.getValue()));
        for (Map.Entry<String, String> header : signer.sign(method, uri, headers, payloadHash)) {
            request.header(header.getKey(), header.getValue());
        }
    }

    /** The image when the object is the variant asked for, else null. */
    private RenderedImage decode(VariantKey key, HttpHeaders headers, byte[] body) {
        String type = headers.firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        OutputFormat format = null;
        for (OutputFormat candidate : OutputFormat.values()) {
            if (candidate.mediaType().equals(mediaType)) {
                format = candidate;
            }
        }
        String etag = headers.firstValue(META_ETAG).orElse(null);
        if (format == null || body == null || body.length == 0 || !StoreKeys.bareEtag(key.etag()).equals(etag)) {
            return null;
        }
        try {
            int width = Integer.parseInt(headers.firstValue(META_WIDTH).orElse(""));
            int height = Integer.parseInt(headers.firstValue(META_HEIGHT).orElse(""));
            if (width < 1 || height < 1) {
                return null;
            }
            return new RenderedImage(body, format, width, height);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean paused() {
        return System.nanoTime() - pausedUntil < 0;
    }

    private void failed(String method, Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof java.net.http.HttpTimeoutException) {
            pause("cannot reach it (" + cause.getClass().getSimpleName() + ")", null);
        } else {
            failures.log(System.Logger.Level.WARNING, "imgfilter: a " + method + " to the result store failed: "
                    + cause.getClass().getSimpleName());
        }
    }

    private void pause(String why, Throwable cause) {
        pausedUntil = System.nanoTime() + PAUSE.toNanos();
        failures.log(System.Logger.Level.WARNING, "imgfilter: the result store failed: " + why + "; variants are rendered"
                + " without it, and it is asked again in " + PAUSE.toSeconds() + " s", cause);
    }

    @Override
    public void close() {
        client = null;
        puts.shutdownNow();
        clientThreads.shutdownNow();
        failures.flush();
    }

    /** For debug logs: the bucket and prefix, never a key. */
    @Override
    public String toString() {
        return "S3ResultStore[" + location + ", " + signer + "]";
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

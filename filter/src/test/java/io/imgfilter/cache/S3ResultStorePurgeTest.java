package io.imgfilter.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imgfilter.http.CacheTags;
import io.imgfilter.source.origin.S3Location;
import io.imgfilter.source.origin.SigV4Signer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The purge's listing pages and DELETEs, against a scripted server (S3Proxy covers the signatures). */
class S3ResultStorePurgeTest {

    private static final String TAG = CacheTags.of("2024/café.jpg");
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int deleteStatus = 204;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        assertTrue(exchange.getRequestHeaders().getFirst("Authorization").startsWith("AWS4-HMAC-SHA256 "));
        if (exchange.getRequestMethod().equals("DELETE")) {
            exchange.sendResponseHeaders(deleteStatus, -1);
            exchange.close();
            return;
        }
        String body;
        if (query.contains("continuation-token=")) {
            body = "<ListBucketResult><IsTruncated>false</IsTruncated>"
                    + "<Contents><Key>v1/" + TAG + "/etag3</Key></Contents></ListBucketResult>";
        } else {
            body = "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t/1+=&amp;x</NextContinuationToken>"
                    + "<Contents><Key>v1/" + TAG + "/etag1</Key></Contents>"
                    + "<Contents><Key>v1/" + TAG + "/etag2</Key></Contents>"
                    + "<Contents><Key>v1/" + TAG + "/not/ours</Key></Contents></ListBucketResult>";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private S3ResultStore store() {
        S3Location location = S3Location.parse("s3://bucket/v1", "http://127.0.0.1:" + server.getAddress().getPort(),
                "us-east-1", true);
        return new S3ResultStore(location, new SigV4Signer("id", "secret", null, "us-east-1", "s3", Clock.systemUTC()),
                Duration.ofSeconds(5), 1 << 20, "test");
    }

    @Test
    void followsContinuationTokensAndDeletesOnlyTagSlashEtagKeys() throws Exception {
        try (S3ResultStore store = store()) {
            assertEquals(Set.of("etag1", "etag2", "etag3"), store.purge("2024/café.jpg"));
        }
        String prefix = "v1%2F" + TAG + "%2F";
        assertEquals(List.of(
                "GET /bucket?list-type=2&prefix=" + prefix,
                "GET /bucket?list-type=2&prefix=" + prefix + "&continuation-token=t%2F1%2B%3D%26x",
                "DELETE /bucket/v1/" + TAG + "/etag1",
                "DELETE /bucket/v1/" + TAG + "/etag2",
                "DELETE /bucket/v1/" + TAG + "/etag3"), requests);
    }

    @Test
    void aRefusedDeleteIsThrown() {
        deleteStatus = 403;
        try (S3ResultStore store = store()) {
            IOException thrown = assertThrows(IOException.class, () -> store.purge("2024/café.jpg"));
            assertTrue(thrown.getMessage().contains("403"), thrown.getMessage());
        }
    }

    @Test
    void unescapesXml() {
        assertEquals("a&b<c>\"'é", S3ResultStore.unescapeXml("a&amp;b&lt;c&gt;&quot;&apos;&#233;"));
    }
}

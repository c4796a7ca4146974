package io.imgfilter.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * S3Proxy, an S3-compatible server, run as a child JVM on loopback with in-memory storage and
 * {@code s3proxy.authorization=aws-v4}: it verifies the SigV4 signature of every request and
 * refuses unsigned or wrongly signed ones. The build copies its self-contained jar from Maven
 * Central to {@code target/s3proxy/s3proxy.jar} (see filter/pom.xml) and names it in the system
 * property {@value #JAR_PROPERTY}. Outside Maven (an IDE), a missing jar skips the tests; under
 * CI ({@code CI=true}) it fails them.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "imgfilter.test.s3proxy.jar";
    public static final String ACCESS_KEY_ID = "AKIDIMGFILTERTEST";
    public static final String SECRET_KEY = "s3proxy-test-secret/with+signs=0123456789";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private S3ProxyServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static S3ProxyServer start(Path workDir) throws Exception {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = configured == null ? null : Path.of(configured);
        if (jar == null || !Files.isRegularFile(jar)) {
            String why = "S3Proxy jar not found (" + configured + "); run the tests with Maven, which copies it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path properties = workDir.resolve("s3proxy-" + attempt + ".properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v4",
                    "s3proxy.identity=" + ACCESS_KEY_ID,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient-nio2",
                    "jclouds.identity=" + ACCESS_KEY_ID,
                    "jclouds.credential=" + SECRET_KEY,
                    ""), StandardCharsets.UTF_8);
            Path log = workDir.resolve("s3proxy-" + attempt + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(), "--properties", properties.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            S3ProxyServer server = new S3ProxyServer(process, log, port);
            try {
                server.awaitReady(Duration.ofSeconds(60));
                return server;
            } catch (IOException e) {
                last = e;
                server.close();
            }
        }
        throw last;
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() > 0) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("S3Proxy did not answer within " + limit + ":\n" + log());
    }

    /** {@code http://127.0.0.1:port} */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates a bucket, signed by the AWS SDK's signer. */
    public void createBucket(String bucket) throws Exception {
        put("/" + bucket, new byte[0]);
    }

    /** Stores an object under an already encoded key path, signed by the AWS SDK's signer. */
    public void putObject(String bucket, String encodedKey, byte[] content) throws Exception {
        put("/" + bucket + "/" + encodedKey, content);
    }

    private void put(String encodedPath, byte[] content) throws Exception {
        URI uri = URI.create(endpoint() + encodedPath);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_KEY))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(content))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + encodedPath + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Sends a GET with these headers (none: anonymous) and returns the answer. */
    public HttpResponse<String> get(String encodedPath, List<java.util.Map.Entry<String, String>> headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint() + encodedPath)).timeout(Duration.ofSeconds(30));
        headers.forEach(h -> builder.header(h.getKey(), h.getValue()));
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The keys of a bucket (its first page), listed with a request signed by {@code signer}. */
    public List<String> keys(String bucket, io.imgfilter.source.origin.SigV4Signer signer) throws Exception {
        String path = "/" + bucket;
        HttpResponse<String> listing = get(path, signer.headers("GET", URI.create(endpoint() + path), List.of()));
        if (listing.statusCode() != 200) {
            throw new AssertionError("listing " + bucket + " answered " + listing.statusCode() + ": " + listing.body());
        }
        List<String> keys = new ArrayList<>();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("<Key>([^<]*)</Key>").matcher(listing.body());
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    /**
     * Polls the bucket until it lists {@code key} (an asynchronous PUT), within 20 s; returns the
     * key, or fails naming what the bucket holds.
     */
    public String awaitKey(String bucket, String key, io.imgfilter.source.origin.SigV4Signer signer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (keys(bucket, signer).contains(key)) {
                return key;
            }
            Thread.sleep(50); // polling an observable condition
        }
        throw new AssertionError("no object " + key + " in " + keys(bucket, signer) + "\n" + log());
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

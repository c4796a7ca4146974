package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imgfilter.request.SourcePathParser;
import io.imgfilter.source.Original;
import io.imgfilter.testing.TestImages;
import io.imgfilter.testing.TestOrigin;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin client speaks HTTP/2 to an https origin that offers it (ALPN) and HTTP/1.1 over plain http. */
class ProtocolVersionTest {

    static final byte[] PHOTO = TestImages.jpeg(320, 200);
    static final OriginOptions OPTIONS = new OriginOptions(Duration.ofSeconds(3), Duration.ofSeconds(10), 4, 1 << 20, 1 << 20, false);

    @TempDir
    Path work;

    @Test
    void http2OverTls() throws Exception {
        Path keyStore = work.resolve("origin.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "origin", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        keytool.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, keytool.exitValue(), output);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, "changeit".toCharArray());
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("origin", trusted.getCertificate("origin"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);

        try (TestOrigin origin = TestOrigin.startTls(keyStore, "changeit")) {
            origin.on("/hidden/photo.jpg", (request, response) -> {
                response.setContentType("image/jpeg");
                response.getOutputStream().write(PHOTO);
            });
            HttpOriginSource source = HttpOriginSource.http(HttpBaseUrl.parse(origin.url() + "/hidden"),
                    OriginHeaders.parse("Authorization: Bearer h2-token"), OPTIONS, tls, null);
            try {
                Original original = source.fetch(SourcePathParser.parse("photo.jpg")).orElseThrow();
                assertArrayEquals(PHOTO, original.content());
            } finally {
                source.close();
            }
            TestOrigin.Received received = origin.received("/hidden/photo.jpg").get(0);
            assertEquals("HTTP/2.0", received.protocol());
            assertEquals("Bearer h2-token", received.headers().get("Authorization"));
        }
    }

    @Test
    void http11OverPlainHttp() throws Exception {
        try (TestOrigin origin = TestOrigin.start()) {
            origin.on("/photo.jpg", (request, response) -> {
                response.setContentType("image/jpeg");
                response.getOutputStream().write(PHOTO);
            });
            HttpOriginSource source = HttpOriginSource.http(HttpBaseUrl.parse(origin.url()), OriginHeaders.NONE, OPTIONS);
            try {
                assertArrayEquals(PHOTO, source.fetch(SourcePathParser.parse("photo.jpg")).orElseThrow().content());
            } finally {
                source.close();
            }
            assertEquals(List.of("HTTP/1.1"), origin.received().stream().map(TestOrigin.Received::protocol).toList());
        }
    }
}

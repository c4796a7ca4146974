package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter in a real Jetty, answering real HTTP requests over loopback. */
class FilterIntegrationTest {

    @TempDir
    static Path root;

    static JettyHarness jetty;
    static Path originals;

    @BeforeAll
    static void start() throws Exception {
        originals = Files.createDirectories(root.resolve("originals"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(1200, 800));
        Files.createDirectories(originals.resolve("2024"));
        Files.write(originals.resolve("2024/cat one.jpg"), TestImages.jpeg(640, 480));
        Files.write(originals.resolve("2024/café.jpg"), TestImages.jpeg(640, 480));
        Files.write(originals.resolve("alpha.png"), TestImages.transparentPng(400, 400));
        Files.write(originals.resolve("rotated.jpg"), TestImages.withExifOrientation(TestImages.jpeg(600, 400), 6));
        byte[] photo = TestImages.jpeg(800, 600);
        Files.write(originals.resolve("truncated.jpg"), Arrays.copyOf(photo, photo.length / 3));
        Files.writeString(originals.resolve("notes.jpg"), "this is text, not an image");
        Path other = Files.createDirectories(root.resolve("other"));
        Files.write(other.resolve("photo.jpg"), TestImages.jpeg(500, 500));

        jetty = JettyHarness.start("", false, context -> {
            JettyHarness.addFilter(context, "images", "/images/*", Map.of(
                    "source", originals.toString(),
                    "presets", """
                            thumb: width=150,height=150,fit=cover,public
                            small: width=300
                            medium: width=600
                            large: width=900
                            """,
                    "flexible-options", "true",
                    "max-width", "1000"));
            JettyHarness.addFilter(context, "pictures", "/pics/*", Map.of(
                    "source", "file:" + other,
                    "presets", "tiny: width=50; square: width=100,height=100,fit=pad,format=png"));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Test
    void thumbIsA150SquareJpegWithHeaders() throws Exception {
        HttpResponse<byte[]> response = jetty.get("/images/thumb/photo.jpg");
        assertEquals(200, response.statusCode());
        assertEquals("image/jpeg", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(String.valueOf(response.body().length), response.headers().firstValue("Content-Length").orElseThrow());
        assertTrue(response.headers().firstValue("Last-Modified").isPresent());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("default-src 'none'; sandbox", response.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("inline; filename=\"photo.jpg\"", response.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(response.headers().firstValue("ETag").orElseThrow().startsWith("\""));
        BufferedImage image = TestImages.decode(response.body());
        assertEquals(150, image.getWidth());
        assertEquals(150, image.getHeight());
    }

    @Test
    void presetsKeepTheAspectRatio() throws Exception {
        BufferedImage small = TestImages.decode(jetty.get("/images/small/photo.jpg").body());
        assertEquals(300, small.getWidth());
        assertEquals(200, small.getHeight());
        BufferedImage large = TestImages.decode(jetty.get("/images/large/photo.jpg").body());
        assertEquals(900, large.getWidth());
        assertEquals(600, large.getHeight());
    }

    @Test
    void neverEnlargesAndKeepsPngAlpha() throws Exception {
        HttpResponse<byte[]> response = jetty.get("/images/medium/alpha.png");
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
        BufferedImage image = TestImages.decode(response.body());
        assertEquals(400, image.getWidth());
        assertTrue(image.getColorModel().hasAlpha());
        assertEquals(0, image.getRGB(2, 2) >>> 24, "the corner stays transparent");
    }

    @Test
    void appliesExifOrientation() throws Exception {
        BufferedImage image = TestImages.decode(jetty.get("/images/small/rotated.jpg").body());
        assertEquals(300, image.getWidth());
        assertEquals(450, image.getHeight(), "a 600x400 original turned by EXIF orientation 6 is portrait");
    }

    @Test
    void encodedNamesReachTheirFiles() throws Exception {
        assertEquals(200, jetty.get("/images/small/2024/cat%20one.jpg").statusCode());
        assertEquals(200, jetty.get("/images/small/2024/caf%C3%A9.jpg").statusCode());
    }

    @Test
    void headHasTheSameHeadersAndNoBody() throws Exception {
        HttpResponse<byte[]> get = jetty.get("/images/small/photo.jpg");
        HttpResponse<byte[]> head = jetty.send("HEAD", "/images/small/photo.jpg");
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(get.headers().firstValue("Content-Length"), head.headers().firstValue("Content-Length"));
        assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
    }

    @Test
    void revalidationAnswers304() throws Exception {
        HttpResponse<byte[]> first = jetty.get("/images/small/photo.jpg");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> byEtag = jetty.get("/images/small/photo.jpg", "If-None-Match", etag);
        assertEquals(304, byEtag.statusCode());
        assertEquals(0, byEtag.body().length);
        HttpResponse<byte[]> byDate = jetty.get("/images/small/photo.jpg",
                "If-Modified-Since", first.headers().firstValue("Last-Modified").orElseThrow());
        assertEquals(304, byDate.statusCode());
        HttpResponse<byte[]> otherPreset = jetty.get("/images/medium/photo.jpg", "If-None-Match", etag);
        assertEquals(200, otherPreset.statusCode(), "another variant has another ETag");
    }

    @Test
    void unknownPresetIsInvalidSize() throws Exception {
        HttpResponse<byte[]> response = jetty.get("/images/huge/photo.jpg");
        assertEquals(400, response.statusCode());
        assertEquals("text/plain;charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow().toLowerCase());
        assertEquals("invalid size", body(response).strip());
    }

    @Test
    void flexibleOptionsWithinAndOverTheLimit() throws Exception {
        HttpResponse<byte[]> ok = jetty.get("/images/width=400,height=400,fit=cover/photo.jpg");
        assertEquals(200, ok.statusCode());
        BufferedImage image = TestImages.decode(ok.body());
        assertEquals(400, image.getWidth());
        assertEquals(400, image.getHeight());

        HttpResponse<byte[]> over = jetty.get("/images/width=1200/photo.jpg");
        assertEquals(400, over.statusCode());
        assertEquals("width 1200 is over the limit of 1000 pixels", body(over).strip());

        HttpResponse<byte[]> dpr = jetty.get("/images/width=600,dpr=2/photo.jpg");
        assertEquals(400, dpr.statusCode());
        assertTrue(body(dpr).contains("limit of 1000 pixels"), body(dpr));

        assertEquals(400, jetty.get("/images/width=300,colour=red/photo.jpg").statusCode());
    }

    @Test
    void secondFilterHasItsOwnSourceAndPresets() throws Exception {
        HttpResponse<byte[]> tiny = jetty.get("/pics/tiny/photo.jpg");
        assertEquals(200, tiny.statusCode());
        assertEquals(50, TestImages.decode(tiny.body()).getWidth());
        HttpResponse<byte[]> square = jetty.get("/pics/square/photo.jpg");
        assertEquals("image/png", square.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(100, TestImages.decode(square.body()).getHeight());
        assertEquals(400, jetty.get("/pics/thumb/photo.jpg").statusCode(), "thumb belongs to the other filter");
        assertEquals(404, jetty.get("/pics/tiny/alpha.png").statusCode(), "alpha.png is in the other source");
    }

    @Test
    void originalProblemsMapToStatuses() throws Exception {
        assertProblem(jetty.get("/images/small/missing.jpg"), 404);
        assertProblem(jetty.get("/images/small/2024"), 404);
        assertProblem(jetty.get("/images/small/truncated.jpg"), 422);
        assertProblem(jetty.get("/images/small/notes.jpg"), 415);
        assertProblem(jetty.get("/images/"), 404);
        assertProblem(jetty.get("/images/small"), 400);
        HttpResponse<byte[]> post = jetty.send("POST", "/images/small/photo.jpg");
        assertProblem(post, 405);
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void otherPathsPassThrough() throws Exception {
        assertEquals(JettyHarness.PASSED_THROUGH, body(jetty.get("/index.html")));
        assertEquals(JettyHarness.PASSED_THROUGH, body(jetty.get("/imagesX/small/photo.jpg")));
    }

    @Test
    void sameBytesForTheSameRequest() throws Exception {
        assertArrayEquals(jetty.get("/images/thumb/photo.jpg").body(), jetty.get("/images/thumb/photo.jpg").body());
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status) {
        assertEquals(status, response.statusCode());
        String text = body(response);
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertTrue(text.length() < 200, "short body");
        assertFalse(text.contains(root.toString()), "no file path in the answer");
        assertFalse(text.contains("Exception"), "no stack trace in the answer");
        assertNotNull(response.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}

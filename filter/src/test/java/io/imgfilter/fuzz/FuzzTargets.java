package io.imgfilter.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imgfilter.http.HttpProblem;
import io.imgfilter.http.Problems;
import io.imgfilter.render.RenderException;
import io.imgfilter.render.Deadline;
import io.imgfilter.render.ImageRenderer;
import io.imgfilter.render.MemoryBudget;
import io.imgfilter.render.RenderLimits;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.Fit;
import io.imgfilter.request.ImageRequest;
import io.imgfilter.request.ImageRequestParser;
import io.imgfilter.request.Limits;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.PresetTable;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SignatureVerifier;
import io.imgfilter.signing.SignedRequest;
import io.imgfilter.signing.SigningKey;
import io.imgfilter.signing.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzz tests (Jazzer). In the normal test run each replays its seed corpus
 * under {@code src/test/resources/io/imgfilter/fuzz/FuzzTargetsInputs/} and a few generated
 * inputs; to fuzz for real, one target at a time:
 * <pre>
 * JAZZER_FUZZ=1 mvn -f filter/pom.xml test -Dtest='FuzzTargets#urlParsing' -Djazzer.max_duration=10m
 * </pre>
 * Each states what must hold for every input, not just that nothing throws.
 */
class FuzzTargets {

    private static final OptionsParser OPTIONS = new OptionsParser(new Limits(1000, 1000, 3.0));
    private static final ImageRequestParser PARSER = new ImageRequestParser(
            PresetTable.parseInline("thumb: width=150,height=150,fit=cover,public; small: width=300", OPTIONS), OPTIONS, true);
    private static final String KEY = "fuzzing-key-0123456789abcdefghijklmnop";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
    private static final SignatureVerifier VERIFIER = SignatureVerifier.builder(KeyRing.of(SigningKey.of("k1", KEY)))
            .clock(CLOCK).build();
    private static final ImageRenderer RENDERER = new ImageRenderer(4_000_000, 85);

    /**
     * Any raw path is either refused with a 4xx or parsed into options within the limits and a
     * source path whose segments cannot climb or separate.
     */
    @FuzzTest(maxDuration = "5s")
    void urlParsing(FuzzedDataProvider data) {
        String raw = "/" + data.consumeRemainingAsAsciiString();
        try {
            ImageRequest request = PARSER.parse(raw);
            ResizeOptions options = request.options();
            assertTrue(options.pixelWidth() <= 1000 && options.pixelHeight() <= 1000, raw);
            for (String segment : request.source().segments()) {
                assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals(".."), raw);
                assertFalse(segment.contains("/") || segment.contains("\\") || segment.indexOf('\0') >= 0, raw);
            }
        } catch (HttpProblem problem) {
            assertTrue(problem.status() == 400 || problem.status() == 404, raw + " gave " + problem.status());
            assertTrue(problem.clientMessage().length() < 200);
        }
    }

    /**
     * No query string the fuzzer makes passes for a signed one: forging needs the key. The
     * verifier never throws and its reasons never hold the key.
     */
    @FuzzTest(maxDuration = "5s")
    void tokenVerification(FuzzedDataProvider data) {
        String path = "/images/small/" + data.consumeString(40) + ".jpg";
        String query = data.consumeRemainingAsString();
        Verdict verdict = VERIFIER.verify(SignedRequest.of(path, query));
        assertFalse(verdict.isValid(), "forged: " + path + "?" + query);
        assertFalse(verdict.reason().contains(KEY));
    }

    /**
     * Any bytes either render to an image of the requested width at most, or are refused with
     * 413, 415 or 422; never another exception, never a hang (the pixel limit is small here).
     */
    @FuzzTest(maxDuration = "5s")
    void decoding(byte[] input) {
        try {
            RenderedImage image = RENDERER.render(input, new ResizeOptions(64, 0, Fit.SCALE_DOWN, 0, null, 1.0));
            assertTrue(image.width() <= 64 && image.width() > 0);
            assertTrue(image.data().length > 0);
        } catch (RenderException problem) {
            int status = Problems.status(problem);
            assertTrue(status == 413 || status == 415 || status == 422, "status " + status);
        }
    }

    /**
     * As {@link #decoding}, for thumbnails so small that JPEGs take the DC-coefficient decoder
     * (a reduction of 16 or more): its own parsing of hostile input must end in an image, a
     * fallback to ImageIO or a 4xx, like everything else.
     */
    @FuzzTest(maxDuration = "5s")
    void dcDecoding(byte[] input) {
        try {
            RenderedImage image = RENDERER.render(input, new ResizeOptions(8, 0, Fit.SCALE_DOWN, 0, null, 1.0));
            assertTrue(image.width() <= 8 && image.width() > 0);
        } catch (RenderException problem) {
            int status = Problems.status(problem);
            assertTrue(status == 413 || status == 415 || status == 422, "status " + status);
        }
    }

    /**
     * As {@link #dcDecoding}, for thumbnails that take the 1/2 and 1/4 DCT-domain decoder (a
     * reduction of 4 to 15): the 160 × 120 seeds go to 40 px at 1/2 and to 20 px at 1/4.
     */
    @FuzzTest(maxDuration = "5s")
    void scaledDecoding(byte[] input) {
        for (int width : new int[] {40, 20}) {
            try {
                RenderedImage image = RENDERER.render(input, new ResizeOptions(width, 0, Fit.SCALE_DOWN, 0, null, 1.0));
                assertTrue(image.width() <= width && image.width() > 0);
            } catch (RenderException problem) {
                int status = Problems.status(problem);
                assertTrue(status == 413 || status == 415 || status == 422, "status " + status);
            }
        }
    }

    /** Limits as tight as a small webapp's: 4 MP, 2000 px outputs, 20 scans, 64 MB to render in. */
    private static final ImageRenderer BOUNDED = new ImageRenderer(new RenderLimits(4_000_000, 2000, 2000, 20), 85,
            new MemoryBudget(64L << 20));

    /**
     * Cover crops, which decode only the region they keep (PNG rows, WebP through libwebp's crop
     * and scale), within a memory budget and a scan limit: any bytes end in an image of exactly
     * the requested size, or in 400 (output over the limits), 413, 415 or 422.
     */
    @FuzzTest(maxDuration = "5s")
    void croppedDecoding(byte[] input) {
        try {
            RenderedImage image = BOUNDED.render(input, new ResizeOptions(16, 12, Fit.COVER, 0, null, 1.0),
                    Deadline.at(System.nanoTime() + 5_000_000_000L));
            assertTrue(image.width() == 16 && image.height() == 12, image.width() + "x" + image.height());
        } catch (RenderException problem) {
            int status = Problems.status(problem);
            assertTrue(status == 400 || status == 413 || status == 415 || status == 422, () -> "status " + status + " for " + input.length + " bytes: " + problem.getMessage());
        }
    }
}

package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.Fit;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Camera and editor files from TwelveMonkeys' test suite (its imageio-jpeg test jar): profiles
 * that cannot be used are found and dropped, so the image renders as sRGB; good ones are kept.
 */
class BrokenIccProfileTest {

    private final ImageRenderer renderer = new ImageRenderer(50_000_000L, 85);
    private final ResizeOptions thumb = new ResizeOptions(64, 0, Fit.SCALE_DOWN, 0, null, 1.0);

    @ParameterizedTest
    @ValueSource(strings = {
            "/jpeg/cmm-exception-invalid-icc-profile-data.jpg", // profile data Java's CMM rejects
            "/jpeg/exif-empty-icc-profile.jpeg", // an ICC_PROFILE chunk without data
    })
    void anUnusableProfileIsDroppedAndTheImageRendered(String resource) throws Exception {
        byte[] jpeg = resource(resource);
        assertTrue(JpegStructure.of(jpeg).hasUnusableIccProfile());
        assertRendersWithDetail(jpeg);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/jpeg/srgb-exif-no-ifd1.jpg", // sRGB
            "/jpeg/cmm-exception-adobe-rgb.jpg", // Adobe RGB (1998)
            "/jpeg/gray-sample.jpg", // a grey profile on a one-component frame
            "/jpeg/cmyk-sample-multiple-chunk-icc.jpg", // a CMYK profile in several chunks
    })
    void aUsableProfileIsKept(String resource) throws Exception {
        byte[] jpeg = resource(resource);
        assertFalse(JpegStructure.of(jpeg).hasUnusableIccProfile());
        assertRendersWithDetail(jpeg);
    }

    private void assertRendersWithDetail(byte[] jpeg) throws RenderException {
        RenderedImage rendered = renderer.render(jpeg, thumb);
        assertEquals(OutputFormat.JPEG, rendered.format());
        BufferedImage image = TestImages.decode(rendered.data());
        assertEquals(64, image.getWidth());
        assertEquals(64, rendered.width());
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y++) {
            for (int x = 0; x < image.getWidth() && !varied; x++) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, "the pixels are not all one colour");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BrokenIccProfileTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " from com.twelvemonkeys.imageio:imageio-jpeg:tests");
            return in.readAllBytes();
        }
    }
}

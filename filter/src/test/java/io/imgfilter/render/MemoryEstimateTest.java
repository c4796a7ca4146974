package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.Fit;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission estimate against what a render really allocates on its thread. Allocation counts
 * garbage too, so it is at least the render's peak: an estimate above it is an upper bound of the
 * peak. It must also not be so far above that renders are refused or serialised for nothing.
 */
class MemoryEstimateTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final ImageRenderer renderer = new ImageRenderer(
            new RenderLimits(50_000_000, 4000, 4000, 100), 85, new MemoryBudget(2L << 30));

    static Stream<Arguments> renders() {
        byte[] photo = TestImages.encode(TestImages.picture(4000, 3000, BufferedImage.TYPE_INT_RGB), "jpeg");
        byte[] progressive;
        byte[] greyJpeg;
        try {
            progressive = PipelineTest.progressiveJpeg(TestImages.picture(4000, 3000, BufferedImage.TYPE_INT_RGB));
            greyJpeg = TestImages.encode(TestImages.picture(3000, 2000, BufferedImage.TYPE_BYTE_GRAY), "jpeg");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        byte[] alpha = TestImages.transparentPng(2000, 1500);
        byte[] grey = TestImages.encode(TestImages.picture(3000, 2000, BufferedImage.TYPE_BYTE_GRAY), "png");
        byte[] tall = TestImages.encode(TestImages.picture(20, 200_000, BufferedImage.TYPE_BYTE_GRAY), "png");
        byte[] gif = TestImages.animatedGif(1200, 800, java.awt.Color.GREEN, java.awt.Color.BLUE);
        return Stream.of(
                Arguments.of("jpeg to 200 (DC blocks)", photo, new ResizeOptions(200, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("jpeg to 300 (1/4 DCT)", photo, new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("turned jpeg cover 500x300", TestImages.withExifOrientation(photo, 6),
                        new ResizeOptions(500, 300, Fit.COVER, 0, null, 1.0)),
                Arguments.of("jpeg to 1000 (1/2 DCT)", photo, new ResizeOptions(1000, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("progressive jpeg to 300", progressive, new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("progressive jpeg to 1000", progressive, new ResizeOptions(1000, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("progressive jpeg cover 400x400", progressive, new ResizeOptions(400, 400, Fit.COVER, 0, null, 1.0)),
                Arguments.of("grey jpeg to 700 (1/2 DCT)", greyJpeg, new ResizeOptions(700, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("jpeg to 2500 (full size)", photo, new ResizeOptions(2500, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("jpeg cover 600x600", photo, new ResizeOptions(600, 600, Fit.COVER, 0, null, 1.0)),
                Arguments.of("jpeg pad 800x800", photo, new ResizeOptions(800, 800, Fit.PAD, 0, null, 1.0)),
                Arguments.of("png alpha to 500", alpha, new ResizeOptions(500, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("png alpha cover 1200x1200", alpha, new ResizeOptions(1200, 1200, Fit.COVER, 0, null, 1.0)),
                Arguments.of("grey png to 1500", grey, new ResizeOptions(1500, 0, Fit.SCALE_DOWN, 0, null, 1.0)),
                Arguments.of("tall grey png cover 150x150", tall, new ResizeOptions(150, 150, Fit.COVER, 0, null, 1.0)),
                Arguments.of("gif to 600", gif, new ResizeOptions(600, 0, Fit.SCALE_DOWN, 0, null, 1.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void theEstimateBoundsWhatARenderAllocates(String name, byte[] original, ResizeOptions options) throws Exception {
        long estimate = renderer.estimateMemory(original, options);
        renderer.render(original, options); // warm up: class loading and first-use tables are not the render's
        long before = THREADS.getCurrentThreadAllocatedBytes();
        renderer.render(original, options);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        // the original was allocated before the render; the estimate counts it as held
        long renderOnly = estimate - original.length;
        System.out.printf("%-28s estimate %,12d  allocated %,12d  ratio %.2f%n", name, renderOnly, allocated,
                (double) renderOnly / allocated);
        assertTrue(allocated <= renderOnly, name + ": allocated " + allocated + " over the estimate " + renderOnly);
        assertTrue(renderOnly <= 4 * allocated + (1 << 20), name + ": estimate " + renderOnly + " far over " + allocated);
    }
}

package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Node;

class JpegDcDecoderTest {

    /**
     * A detailed picture: fine stripes and hard-edged blocks in brightness over smooth colour
     * gradients, as in photographs, whose colour varies much more slowly than their brightness
     * (JPEG's chroma subsampling assumes as much).
     */
    static BufferedImage detailed(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int detail = (int) (40 * Math.sin(x / 3.0) * Math.cos(y / 5.0)) + (((x / 13 + y / 17) % 2 == 0) ? 35 : -35);
                int r = clamp(60 + 120 * x / width + detail);
                int g = clamp(90 + 100 * y / height + detail);
                int b = clamp(170 - 80 * x / width + detail);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive, int restartInterval) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        if (restartInterval > 0) {
            String format = "javax_imageio_jpeg_image_1.0";
            Node root = metadata.getAsTree(format);
            Node markers = root.getLastChild();
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
            metadata.setFromTree(format, root);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The mean of each 8×8 block of a full decode: what the DC coefficients stand for. */
    private static BufferedImage blockMeans(BufferedImage full) {
        int w = (full.getWidth() + 7) / 8;
        int h = (full.getHeight() + 7) / 8;
        BufferedImage means = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                long[] sum = new long[3];
                int n = 0;
                for (int y = by * 8; y < Math.min(full.getHeight(), by * 8 + 8); y++) {
                    for (int x = bx * 8; x < Math.min(full.getWidth(), bx * 8 + 8); x++) {
                        int rgb = full.getRGB(x, y);
                        sum[0] += (rgb >> 16) & 0xFF;
                        sum[1] += (rgb >> 8) & 0xFF;
                        sum[2] += rgb & 0xFF;
                        n++;
                    }
                }
                means.setRGB(bx, by, (int) (Math.round((double) sum[0] / n) << 16
                        | Math.round((double) sum[1] / n) << 8 | Math.round((double) sum[2] / n)));
            }
        }
        return means;
    }

    @ParameterizedTest(name = "{0}x{1} progressive={2} restart={3} grey={4}")
    @CsvSource({
        "640, 480, false, 0, false",
        "643, 477, false, 0, false",
        "643, 477, true, 0, false",
        "1001, 333, true, 0, false",
        "643, 477, false, 7, false",
        "643, 477, true, 5, false",
        "643, 477, false, 0, true",
        "643, 477, true, 0, true",
    })
    void givesTheMeanOfEveryBlock(int width, int height, boolean progressive, int restart, boolean grey) throws Exception {
        BufferedImage source = detailed(width, height, BufferedImage.TYPE_INT_RGB);
        if (grey) {
            BufferedImage g = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            g.getGraphics().drawImage(source, 0, 0, null);
            source = g;
        }
        byte[] data = jpeg(source, progressive, restart);
        BufferedImage dc = JpegDcDecoder.decode(data, Long.MAX_VALUE);
        assertNotNull(dc, "decoded");
        assertEquals((width + 7) / 8, dc.getWidth());
        assertEquals((height + 7) / 8, dc.getHeight());
        // drawn into RGB as the renderer does: getRGB on a grey image would apply a gamma curve
        BufferedImage full = TestImages.decode(data);
        BufferedImage rgb = new BufferedImage(full.getWidth(), full.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(full, 0, 0, null);
        double psnr = TestImages.psnr(blockMeans(rgb), dc, 0, 0);
        // chroma is interpolated between block means rather than per pixel: close, not equal
        assertTrue(psnr > 38, "PSNR against the block means of a full decode: " + psnr + " dB");
    }

    @Test
    void truncatedFilesAreLeftToImageIo() throws Exception {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] data = jpeg(detailed(400, 300, BufferedImage.TYPE_INT_RGB), progressive, 0);
            for (double keep : new double[] {0.3, 0.6, 0.9, 0.999}) {
                byte[] cut = Arrays.copyOf(data, (int) (data.length * keep));
                assertNull(JpegDcDecoder.decode(cut, Long.MAX_VALUE), "cut at " + keep + " progressive=" + progressive);
            }
        }
    }

    @Test
    void corruptOrForeignDataIsLeftToImageIo() throws Exception {
        assertNull(JpegDcDecoder.decode(new byte[0], Long.MAX_VALUE));
        assertNull(JpegDcDecoder.decode("not an image".getBytes(StandardCharsets.US_ASCII), Long.MAX_VALUE));
        assertNull(JpegDcDecoder.decode(TestImages.encode(detailed(64, 64, BufferedImage.TYPE_INT_RGB), "png"), Long.MAX_VALUE));
        byte[] data = jpeg(detailed(400, 300, BufferedImage.TYPE_INT_RGB), false, 0);
        for (int at = data.length / 2; at < data.length / 2 + 400; at += 37) {
            byte[] broken = data.clone();
            broken[at] = (byte) 0xFF;
            broken[at + 1] = (byte) 0xC9; // arithmetic coding SOF inside the scan
            assertNull(JpegDcDecoder.decode(broken, Long.MAX_VALUE));
        }
    }

    @Test
    void iccProfilesAreLeftToImageIo() throws Exception {
        byte[] data = jpeg(detailed(64, 64, BufferedImage.TYPE_INT_RGB), false, 0);
        assertNull(JpegDcDecoder.decode(withIccSegment(data), Long.MAX_VALUE));
    }

    /** The JPEG with an (empty) ICC_PROFILE APP2 segment right after its SOI marker. */
    static byte[] withIccSegment(byte[] data) {
        byte[] name = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, 2);
        out.write(0xFF);
        out.write(0xE2);
        out.write(0);
        out.write(2 + name.length + 2);
        out.write(name, 0, name.length);
        out.write(1);
        out.write(1);
        out.write(data, 2, data.length - 2);
        return out.toByteArray();
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        byte[] data = jpeg(detailed(400, 300, BufferedImage.TYPE_INT_RGB), false, 0);
        assertThrows(RenderTimeoutException.class, () -> JpegDcDecoder.decode(data, System.nanoTime() - 1));
    }

    @Test
    void rendererThumbnailsOfProgressiveAndBaselineAgree() throws Exception {
        BufferedImage source = detailed(2400, 1600, BufferedImage.TYPE_INT_RGB);
        ImageRenderer renderer = new ImageRenderer(50_000_000, 90);
        var options = new io.imgfilter.request.ResizeOptions(150, 0, io.imgfilter.request.Fit.SCALE_DOWN, 0,
                io.imgfilter.request.OutputFormat.PNG, 1.0);
        BufferedImage baseline = TestImages.decode(renderer.render(jpeg(source, false, 0), options).data());
        BufferedImage progressive = TestImages.decode(renderer.render(jpeg(source, true, 0), options).data());
        assertEquals(150, baseline.getWidth());
        assertEquals(100, baseline.getHeight());
        assertTrue(TestImages.psnr(baseline, progressive, 0, 0) > 45);
    }
}

package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.TestImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
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
import org.w3c.dom.NodeList;

class JpegScaledDecoderTest {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    /**
     * A JPEG written by ImageIO with the given sampling factors per component ("22,11,11" is
     * 4:2:0; ignored for grey), optionally progressive and with restart intervals.
     */
    static byte[] jpeg(BufferedImage image, String sampling, boolean progressive, int restartInterval) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        Node root = metadata.getAsTree(FORMAT);
        Node markers = root.getLastChild();
        if (restartInterval > 0) {
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            markers.insertBefore(dri, markers.getFirstChild());
        }
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            String[] factors = sampling.split(",");
            NodeList specs = ((IIOMetadataNode) markers).getElementsByTagName("componentSpec");
            for (int i = 0; i < specs.getLength(); i++) {
                IIOMetadataNode spec = (IIOMetadataNode) specs.item(i);
                spec.setAttribute("HsamplingFactor", factors[i].substring(0, 1));
                spec.setAttribute("VsamplingFactor", factors[i].substring(1, 2));
            }
        }
        metadata.setFromTree(FORMAT, root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The samples of a decoded image, as ints per band: RGB for colour, one band for grey. */
    private static int[][] samples(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        if (raster.getNumBands() == 1) {
            return new int[][] {raster.getSamples(0, 0, w, h, 0, (int[]) null)};
        }
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int[][] bands = new int[3][w * h];
        for (int i = 0; i < rgb.length; i++) {
            bands[0][i] = (rgb[i] >> 16) & 0xFF;
            bands[1][i] = (rgb[i] >> 8) & 0xFF;
            bands[2][i] = rgb[i] & 0xFF;
        }
        return bands;
    }

    /** The mean of each s×s area of a full decode (of the pixels there are, at the edges). */
    static int[][] areaMeans(BufferedImage full, int s) {
        int[][] in = samples(full);
        int fw = full.getWidth();
        int fh = full.getHeight();
        int w = (fw + s - 1) / s;
        int h = (fh + s - 1) / s;
        int[][] out = new int[in.length][w * h];
        for (int band = 0; band < in.length; band++) {
            for (int by = 0; by < h; by++) {
                for (int bx = 0; bx < w; bx++) {
                    long sum = 0;
                    int count = 0;
                    for (int y = by * s; y < Math.min(fh, by * s + s); y++) {
                        for (int x = bx * s; x < Math.min(fw, bx * s + s); x++) {
                            sum += in[band][y * fw + x];
                            count++;
                        }
                    }
                    out[band][by * w + bx] = (int) Math.round((double) sum / count);
                }
            }
        }
        return out;
    }

    static double psnr(int[][] reference, int[][] candidate) {
        double squares = 0;
        long count = 0;
        for (int band = 0; band < reference.length; band++) {
            for (int i = 0; i < reference[band].length; i++) {
                int d = reference[band][i] - candidate[band][i];
                squares += d * d;
                count++;
            }
        }
        return squares == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * count / squares);
    }

    private static BufferedImage source(int width, int height, boolean grey) {
        BufferedImage colour = JpegDcDecoderTest.detailed(width, height, BufferedImage.TYPE_INT_RGB);
        if (!grey) {
            return colour;
        }
        BufferedImage g = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        g.getGraphics().drawImage(colour, 0, 0, null);
        return g;
    }

    /**
     * Against the area means of ImageIO's full decode. The reduced IDCT leaves out the block's
     * higher frequencies where the mean of the full decode lets some through attenuated, and
     * subsampled chroma is replicated where ImageIO interpolates: close, not equal. Bounds are a
     * little under what this decoder gives; swapped coefficients, a wrong sign or chroma put at
     * the wrong place cost 10 to 20 dB. Measured: 35.9 to 36.3 dB for this detailed picture (its
     * hard edges put much into the dropped frequencies; a smooth gradient gives 48 dB), where
     * keeping every s-th pixel of the full decode gives 20 to 26 dB and the right result one
     * pixel off 16 to 20 dB.
     */
    @ParameterizedTest(name = "{0}x{1} sampling={2} progressive={3} restart={4} grey={5} scale={6}")
    @CsvSource(delimiter = ';', value = {
        "640; 480; 22,11,11; false; 0; false; 2; 35",
        "640; 480; 22,11,11; false; 0; false; 4; 35",
        "333; 211; 22,11,11; false; 0; false; 2; 35",
        "333; 211; 22,11,11; false; 0; false; 4; 35",
        "333; 211; 22,11,11; true; 0; false; 2; 35",
        "333; 211; 22,11,11; true; 0; false; 4; 35",
        "333; 211; 21,11,11; false; 0; false; 2; 35",
        "333; 211; 21,11,11; true; 0; false; 4; 35",
        "333; 211; 12,11,11; false; 0; false; 2; 35",
        "333; 211; 12,11,11; true; 0; false; 4; 35",
        "333; 211; 11,11,11; false; 0; false; 2; 35",
        "333; 211; 11,11,11; true; 0; false; 2; 35",
        "333; 211; 11,11,11; false; 0; false; 4; 35",
        "333; 211; 41,11,11; false; 0; false; 2; 35",
        "333; 211; 22,11,21; true; 0; false; 2; 35",
        "333; 211; 22,11,11; false; 5; false; 2; 35",
        "333; 211; 22,11,11; true; 3; false; 2; 35",
        "333; 211; 11,11,11; true; 7; false; 4; 35",
        "333; 211; 11,11,11; false; 0; true; 2; 35",
        "333; 211; 11,11,11; true; 0; true; 2; 35",
        "333; 211; 11,11,11; false; 4; true; 4; 35",
        "333; 211; 11,11,11; true; 4; true; 4; 35",
    })
    void matchesTheAreaMeansOfAFullDecode(int width, int height, String sampling, boolean progressive, int restart,
                                          boolean grey, int scale, double bound) throws Exception {
        byte[] data = jpeg(source(width, height, grey), sampling, progressive, restart);
        BufferedImage scaled = JpegScaledDecoder.decode(data, scale, Long.MAX_VALUE);
        assertNotNull(scaled, "decoded");
        assertEquals((width + scale - 1) / scale, scaled.getWidth());
        assertEquals((height + scale - 1) / scale, scaled.getHeight());
        assertEquals(grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB, scaled.getType());
        double psnr = psnr(areaMeans(TestImages.decode(data), scale), samples(scaled));
        System.out.printf("scaled %dx%d %s progressive=%s restart=%d grey=%s 1/%d: PSNR %.2f dB%n",
                width, height, grey ? "grey" : sampling, progressive, restart, grey, scale, psnr);
        assertTrue(psnr >= bound, "PSNR against the area means of a full decode: " + psnr + " dB");
    }

    /** At 1/8 each pixel is its block's mean: the DC decoder's result, within its chroma upsampling. */
    @Test
    void anEighthIsTheBlockMeansAsTheDcDecoderGives() throws Exception {
        for (String sampling : new String[] {"11,11,11", "22,11,11", "21,11,11"}) {
            byte[] data = jpeg(source(333, 211, false), sampling, false, 0);
            BufferedImage eighth = JpegScaledDecoder.decode(data, 8, Long.MAX_VALUE);
            BufferedImage dc = JpegDcDecoder.decode(data, Long.MAX_VALUE);
            assertEquals(dc.getWidth(), eighth.getWidth());
            assertEquals(dc.getHeight(), eighth.getHeight());
            double psnr = psnr(samples(dc), samples(eighth));
            assertTrue(psnr >= 40, sampling + ": " + psnr + " dB against the DC decoder");
            double areas = psnr(areaMeans(TestImages.decode(data), 8), samples(eighth));
            assertTrue(areas >= 30, sampling + ": " + areas + " dB against the area means of a full decode");
        }
    }

    @Test
    void aRegionIsTheSameAsThatPartOfTheWholeImage() throws Exception {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] data = jpeg(source(333, 211, false), "22,11,11", progressive, 0);
            BufferedImage whole = JpegScaledDecoder.decode(data, 2, Long.MAX_VALUE);
            Rectangle region = new Rectangle(51, 37, 101, 77);
            Rectangle bounds = JpegScaledDecoder.outputBounds(region, 2, 333, 211);
            assertEquals(new Rectangle(25, 18, 51, 39), bounds);
            assertEquals(new Rectangle(50, 36, 102, 78), JpegScaledDecoder.storedBounds(bounds, 2, 333, 211));
            BufferedImage part = JpegScaledDecoder.decode(data, 2, region, Long.MAX_VALUE);
            assertEquals(bounds.width, part.getWidth());
            assertEquals(bounds.height, part.getHeight());
            for (int y = 0; y < bounds.height; y++) {
                for (int x = 0; x < bounds.width; x++) {
                    assertEquals(whole.getRGB(bounds.x + x, bounds.y + y), part.getRGB(x, y), x + "," + y);
                }
            }
        }
    }

    @Test
    void truncatedFilesAreLeftToImageIo() throws Exception {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] data = jpeg(source(400, 300, false), "22,11,11", progressive, 0);
            for (double keep : new double[] {0.1, 0.3, 0.6, 0.9, 0.999}) {
                byte[] cut = Arrays.copyOf(data, (int) (data.length * keep));
                for (int scale : new int[] {2, 4, 8}) {
                    assertNull(JpegScaledDecoder.decode(cut, scale, Long.MAX_VALUE), "cut at " + keep + " progressive=" + progressive);
                }
            }
        }
    }

    @Test
    void corruptOrForeignDataIsLeftToImageIo() throws Exception {
        assertNull(JpegScaledDecoder.decode(new byte[0], 2, Long.MAX_VALUE));
        assertNull(JpegScaledDecoder.decode("not an image".getBytes(StandardCharsets.US_ASCII), 2, Long.MAX_VALUE));
        assertNull(JpegScaledDecoder.decode(TestImages.encode(source(64, 64, false), "png"), 4, Long.MAX_VALUE));
        assertNull(JpegScaledDecoder.decode(TestImages.cmykJpeg(64, 64), 2, Long.MAX_VALUE));
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] data = jpeg(source(400, 300, false), "22,11,11", progressive, 0);
            for (int at = data.length / 2; at < data.length / 2 + 400; at += 37) {
                byte[] broken = data.clone();
                broken[at] = (byte) 0xFF;
                broken[at + 1] = (byte) 0xC9; // arithmetic coding SOF inside the scan
                assertNull(JpegScaledDecoder.decode(broken, 2, Long.MAX_VALUE));
            }
            // garbage in the entropy-coded data decodes to something or to null, never throws
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 50; i++) {
                byte[] noisy = data.clone();
                for (int j = 0; j < 20; j++) {
                    noisy[data.length / 4 + random.nextInt(data.length / 2)] = (byte) random.nextInt(256);
                }
                JpegScaledDecoder.decode(noisy, 2 + 2 * (i % 2), Long.MAX_VALUE);
            }
        }
    }

    @Test
    void iccProfilesAreLeftToImageIo() throws Exception {
        byte[] data = jpeg(source(64, 64, false), "22,11,11", false, 0);
        assertNull(JpegScaledDecoder.decode(JpegDcDecoderTest.withIccSegment(data), 2, Long.MAX_VALUE));
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] data = jpeg(source(400, 300, false), "22,11,11", progressive, 0);
            assertThrows(RenderTimeoutException.class, () -> JpegScaledDecoder.decode(data, 2, System.nanoTime() - 1));
        }
    }
}

package io.imgfilter.render;

import com.luciad.imageio.webp.WebPReadParam;
import com.luciad.imageio.webp.WebPWrapper;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * WebP input through the libwebp that the webp-imageio plugin bundles: libwebp crops to the
 * region and scales it down while decoding, so only the planned raster ever reaches the heap,
 * however large the stored image. Whether it works is found out once, by decoding a tiny image:
 * the plugin may be absent (excluded from the webapp) or its native library may not load. Then
 * this is logged once and WebP is decoded by TwelveMonkeys' pure-Java reader instead; a request
 * never fails for it.
 *
 * <p>What stays outside the heap, and so outside the memory budget: libwebp's own working
 * memory. For lossy images that is a few rows of macroblocks; a lossless image is decoded into a
 * native buffer of its whole canvas (4 bytes per stored pixel) before it is cropped and scaled.
 * The decode itself cannot be interrupted: its time is bounded by the source pixel limit only.
 */
final class WebpNativeDecoder {

    private static final System.Logger LOG = System.getLogger(WebpNativeDecoder.class.getName());
    private static final String PLUGIN = "com.luciad.imageio.webp.WebPReadParam";
    /** 16×16 lossy WebP, left half red and right half blue: decoded once to find out whether libwebp works. */
    private static final byte[] PROBE = Base64.getDecoder().decode(
            "UklGRkAAAABXRUJQVlA4IDQAAACQAQCdASoQABAAAUAmJaACdLoAA5gA/vij//8QI//mwP/0uD8Ef+lwf/pcDh//S4GaAAAA");
    /**
     * The int raster's header, the image, raster and colour models around it, and the decoder
     * options: measured at about 1 KB, counted with room to spare.
     */
    private static final long FIXED_BYTES = 8 * 1024;

    private static volatile boolean checked;
    private static volatile boolean works;

    private WebpNativeDecoder() {
    }

    /** True when libwebp decodes here; found out once, and logged once when not. */
    static boolean available() {
        if (!checked) {
            check();
        }
        return works;
    }

    private static synchronized void check() {
        if (checked) {
            return;
        }
        try {
            // absent plugin: a ClassNotFoundException here, before the class that names it is loaded
            Class.forName(PLUGIN, false, WebpNativeDecoder.class.getClassLoader());
            BufferedImage probe = Libwebp.decode(PROBE, new Rectangle(2, 2, 12, 12), 4, 4);
            int left = probe.getRGB(0, 2);
            int right = probe.getRGB(3, 2);
            if (((left >> 16) & 0xFF) < 200 || (right & 0xFF) < 200) {
                throw new IOException("libwebp decoded the test image wrong");
            }
            works = true;
        } catch (ReflectiveOperationException | LinkageError | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: libwebp is not available for WebP input here (" + e
                    + "); WebP originals are decoded by the slower pure-Java reader, whole, within the memory budget");
        } finally {
            checked = true;
        }
    }

    /**
     * True for a WebP that libwebp's still-image decoder takes: an animation (VP8X with the
     * animation flag) it refuses, and TwelveMonkeys' reader decodes its first frame instead.
     */
    static boolean decodes(byte[] webp) {
        boolean extended = webp.length > 20 && webp[12] == 'V' && webp[13] == 'P' && webp[14] == '8' && webp[15] == 'X';
        return !(extended && (webp[20] & 0x02) != 0);
    }

    /**
     * Decodes {@code region} of the stored image, scaled by libwebp to exactly
     * {@code outWidth}×{@code outHeight}: a TYPE_INT_ARGB image when the WebP has alpha,
     * TYPE_INT_RGB otherwise. libwebp decodes lossy images from even coordinates only, so the
     * region's origin must be even ({@link DecodePlanStep} plans it so).
     *
     * @throws CorruptImageException when libwebp finds no image, or a damaged or cut-off one
     */
    static BufferedImage decode(byte[] webp, Rectangle region, int outWidth, int outHeight) throws CorruptImageException {
        if (!available()) {
            throw new IllegalStateException("libwebp is not available");
        }
        if ((region.x & 1) != 0 || (region.y & 1) != 0) {
            throw new IllegalArgumentException("libwebp crops lossy images at even coordinates only: " + region);
        }
        if (outWidth < 1 || outHeight < 1 || region.width < 1 || region.height < 1) {
            throw new IllegalArgumentException("empty region or output: " + region + " to " + outWidth + "x" + outHeight);
        }
        try {
            return Libwebp.decode(webp, region, outWidth, outHeight);
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException(e);
        }
    }

    /**
     * The Java heap a decode to this size needs: the int raster libwebp decodes into, which
     * becomes the image without a copy, and a little besides.
     */
    static long heapBytes(int outWidth, int outHeight) {
        return (long) outWidth * outHeight * Integer.BYTES + FIXED_BYTES;
    }

    /** The only class that names the plugin's: loaded once the plugin was found. */
    private static final class Libwebp {

        private static final ColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
        private static final ColorModel ARGB = ColorModel.getRGBdefault();
        /**
         * Decoder options, reused: the plugin frees an option set's native half with a Cleaner
         * whose action is the option set itself, so none is ever freed. Pooled, there are never
         * more of them than decodes that ran at once.
         */
        private static final ConcurrentLinkedQueue<WebPReadParam> OPTIONS = new ConcurrentLinkedQueue<>();

        static BufferedImage decode(byte[] webp, Rectangle region, int outWidth, int outHeight) throws IOException {
            WebPReadParam options = OPTIONS.poll();
            if (options == null) {
                options = new WebPReadParam();
            }
            int[] pixels;
            int[] result = new int[4]; // status, width, height, has alpha
            try {
                options.setUseCropping(true);
                options.setCropLeft(region.x);
                options.setCropTop(region.y);
                options.setCropWidth(region.width);
                options.setCropHeight(region.height);
                boolean scaled = outWidth != region.width || outHeight != region.height;
                options.setUseScaling(scaled);
                options.setScaledWidth(scaled ? outWidth : 0);
                options.setScaledHeight(scaled ? outHeight : 0);
                // The plugin's ImageReader would first copy the whole file into an array of its
                // own: its decoder is called directly, on the original's bytes.
                pixels = WebPWrapper.INSTANCE.decode(options.getDecoderOptions$com_github_usefulness_webp_imageio(),
                        webp, 0, webp.length, result);
            } finally {
                OPTIONS.offer(options);
            }
            if (pixels == null || result[1] != outWidth || result[2] != outHeight
                    || pixels.length != outWidth * outHeight) {
                throw new IOException("libwebp decoded " + result[1] + "x" + result[2] + ", not " + outWidth + "x" + outHeight);
            }
            // libwebp wrote BGRA bytes, i.e. ARGB ints (opaque ones without alpha): the image's own raster
            boolean alpha = result[3] != 0;
            ColorModel model = alpha ? ARGB : RGB;
            WritableRaster raster = Raster.createWritableRaster(model.createCompatibleSampleModel(outWidth, outHeight),
                    new DataBufferInt(pixels, pixels.length), null);
            return new BufferedImage(model, raster, false, null);
        }
    }
}

package io.imgfilter.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * WebP output through the webp-imageio plugin and the libwebp it bundles. Whether it works is
 * found out once, by encoding a single pixel: the plugin may be absent (excluded from the
 * webapp), or its native library may not load (an unsupported platform, or another webapp of
 * the same JVM loaded it first). Then this is logged once and callers answer in another format;
 * a request never fails for it.
 */
final class WebpEncoder {

    private static final System.Logger LOG = System.getLogger(WebpEncoder.class.getName());
    private static final String SPI = "com.luciad.imageio.webp.WebPImageWriterSpi";

    private static volatile ImageWriterSpi provider;
    private static volatile boolean checked;

    private WebpEncoder() {
    }

    /** True when WebP can be written here. */
    static boolean available() {
        if (!checked) {
            check();
        }
        return provider != null;
    }

    private static synchronized void check() {
        if (checked) {
            return;
        }
        try {
            ImageWriterSpi candidate = (ImageWriterSpi) Class.forName(SPI, true, WebpEncoder.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
            encode(candidate, new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), 80);
            provider = candidate;
        } catch (ReflectiveOperationException | LinkageError | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: WebP output is not available here (" + e
                    + "); format=auto answers JPEG or PNG instead, and format=webp falls back the same way");
        } finally {
            checked = true;
        }
    }

    /** Lossy WebP (alpha kept) at a quality of 1 to 100. */
    static byte[] encode(BufferedImage image, int quality) throws IOException {
        if (!available()) {
            throw new IOException("WebP output is not available");
        }
        return encode(provider, image, quality);
    }

    private static byte[] encode(ImageWriterSpi spi, BufferedImage image, int quality) throws IOException {
        ImageWriter writer = spi.createWriterInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(lossyTypeOf(param));
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static String lossyTypeOf(ImageWriteParam param) {
        for (String type : param.getCompressionTypes()) {
            if (type.toLowerCase(Locale.ROOT).contains("lossy")) {
                return type;
            }
        }
        return param.getCompressionTypes()[0];
    }
}

package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where WebP cannot be written (the plugin excluded from the webapp, or its native library not
 * loadable), requests for WebP are still answered, in the original's family, and WebP originals
 * are still decoded. Proven by loading the renderer in a class loader that lacks the plugin.
 */
class WebpFallbackTest {

    @Test
    void withoutThePluginWebpRequestsAreAnsweredInTheOriginalsFamilyAndWebpIsStillDecoded() throws Exception {
        assertTrue(ImageRenderer.canWriteWebp(), "with the plugin, WebP works here");
        // the decoder calls the plugin's decoding entry directly: an upgrade that changed it would
        // leave libwebp encoding but no longer decoding, and WebpNativeDecoderTest skipped
        assertTrue(WebpNativeDecoder.available(), "with the plugin, libwebp decodes here too");
        List<URL> withoutWebp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("webp-imageio")) {
                withoutWebp.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(withoutWebp.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> renderer = loader.loadClass(ImageRenderer.class.getName());
            assertEquals(false, renderer.getMethod("canWriteWebp").invoke(null));
            Class<?> options = loader.loadClass("io.imgfilter.request.ResizeOptions");
            Class<?> fit = loader.loadClass("io.imgfilter.request.Fit");
            Class<?> format = loader.loadClass("io.imgfilter.request.OutputFormat");
            Object webp = format.getField("WEBP").get(null);
            Object scaleDown = fit.getField("SCALE_DOWN").get(null);
            Object request = options.getConstructor(int.class, int.class, fit, int.class, format, double.class)
                    .newInstance(50, 0, scaleDown, 0, webp, 1.0);
            Object instance = renderer.getConstructor(long.class, int.class).newInstance(50_000_000L, 85);
            Object rendered = renderer.getMethod("render", byte[].class, options).invoke(instance, TestImages.jpeg(200, 100), request);
            Object answered = rendered.getClass().getMethod("format").invoke(rendered);
            assertEquals("JPEG", answered.toString());
            byte[] data = (byte[]) rendered.getClass().getMethod("data").invoke(rendered);
            assertEquals(50, TestImages.decode(data).getWidth());

            // WebP originals are still decoded, by the pure-Java reader instead of libwebp
            java.lang.reflect.Method nativeDecoding = loader.loadClass(WebpNativeDecoder.class.getName())
                    .getDeclaredMethod("available");
            nativeDecoding.setAccessible(true);
            assertEquals(false, nativeDecoding.invoke(null));
            byte[] webpOriginal = WebpNativeDecoderTest.encode(TestImages.picture(400, 300, BufferedImage.TYPE_INT_RGB), false);
            Object thumb = options.getConstructor(int.class, int.class, fit, int.class, format, double.class)
                    .newInstance(100, 0, scaleDown, 0, null, 1.0);
            Object fromWebp = renderer.getMethod("render", byte[].class, options).invoke(instance, webpOriginal, thumb);
            BufferedImage decoded = TestImages.decode((byte[]) fromWebp.getClass().getMethod("data").invoke(fromWebp));
            assertEquals(100, decoded.getWidth());
            assertTrue(TestImages.isRed(decoded, 5, 5), "the red corner");
        }
    }
}

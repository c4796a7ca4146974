package io.imgfilter.render;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * The decoders the filter uses, in a registry of its own: TwelveMonkeys' JPEG reader (CMYK,
 * YCCK, broken ICC profiles and odd markers that the JDK's reader rejects; it delegates the
 * rest to the JDK's), TwelveMonkeys' WebP reader, and the JDK's PNG, GIF and BMP readers.
 *
 * <p>Nothing is added to ImageIO's global registry: a webapp that did so would change how the
 * host application and every other webapp decode images, and would pin its class loader after
 * undeployment. Formats not listed here (SVG, TIFF, whatever else is installed) are not decoded.
 */
final class Decoders {

    /** The JDK's own readers that are worth having: its JPEG reader serves as TwelveMonkeys' delegate. */
    private static final Set<String> JDK_FORMATS = Set.of("jpeg", "png", "gif", "bmp");

    private final ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());

    Decoders() {
        Iterator<ImageReaderSpi> installed = defaultRegistry().getServiceProviders(ImageReaderSpi.class,
                spi -> ((ImageReaderSpi) spi).getClass().getName().startsWith("com.sun.imageio.plugins.")
                        && JDK_FORMATS.contains(((ImageReaderSpi) spi).getFormatNames()[0].toLowerCase(Locale.ROOT)), false);
        installed.forEachRemaining(registry::registerServiceProvider);
        // Registered after the JDK's JPEG reader, so that it finds it as its delegate and orders itself first.
        registry.registerServiceProvider(new JPEGImageReaderSpi());
        registry.registerServiceProvider(new WebPImageReaderSpi());
    }

    /**
     * ImageIO's registry scans the calling thread's context class loader the first time it is
     * used. Were that the first use in the JVM, on a request thread of this webapp, every plugin
     * in WEB-INF/lib would be registered for the whole JVM and would keep this webapp's class
     * loader alive after undeployment. Initialise it against the system class loader instead.
     */
    static IIORegistry defaultRegistry() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            return IIORegistry.getDefaultInstance();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * @return a reader for the stream's format (the caller disposes of it), or null when none of
     *         these decoders recognises it
     */
    ImageReader readerFor(ImageInputStream input) throws IOException {
        Iterator<ImageReaderSpi> providers = registry.getServiceProviders(ImageReaderSpi.class, true);
        while (providers.hasNext()) {
            ImageReaderSpi provider = providers.next();
            if (recognises(provider, input)) {
                return provider.createReaderInstance();
            }
        }
        return null;
    }

    /** A file too short for a provider's magic number makes some throw instead of saying no. */
    private static boolean recognises(ImageReaderSpi provider, ImageInputStream input) throws IOException {
        input.mark();
        try {
            return provider.canDecodeInput(input);
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            input.reset();
        }
    }

    /**
     * The JDK's own JPEG reader, for files that must not go through TwelveMonkeys' reader: that
     * reader hands its delegate 4 KB at a time however its stream answers, and 4 KB of a hostile
     * progressive file hold a hundred scans; read directly, the JDK's reader takes what the stream
     * gives, one scan at a time. Null if the JDK has none.
     */
    ImageReader jdkJpegReader() throws IOException {
        Iterator<ImageReaderSpi> providers = registry.getServiceProviders(ImageReaderSpi.class,
                spi -> spi.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi"), false);
        return providers.hasNext() ? providers.next().createReaderInstance() : null;
    }
}

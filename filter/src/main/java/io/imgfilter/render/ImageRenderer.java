package io.imgfilter.render;

import io.imgfilter.http.HttpProblem;
import io.imgfilter.request.Background;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Decodes an original, applies its EXIF orientation, resizes it with Thumbnailator and encodes
 * the result. The original's dimensions are read from its header and checked against the pixel
 * limit before any pixel is decoded. Streams are memory-backed: ImageIO never writes temporary
 * files, whatever the host application set with {@link ImageIO#setUseCache}. The output carries
 * no metadata of the original (no EXIF, GPS, XMP or comments): it is a new image.
 */
public final class ImageRenderer {

    /** Decodable input formats, by ImageIO format name. */
    private static final Set<String> INPUT_FORMATS = Set.of("jpeg", "png", "gif", "bmp", "webp");
    private static final Decoders DECODERS = new Decoders();

    /**
     * Changes whenever a change here gives different bytes for the same original and options
     * (a new resizer, decoder or encoder setting): it invalidates every cached variant and ETag.
     */
    public static final int VERSION = 2;

    /** The decoded copy keeps at least this many times the output's resolution. */
    static final int SHRINK_HEADROOM = 2;
    /** WebP reaches JPEG's look at a lower nominal quality. */
    static final int DEFAULT_WEBP_QUALITY = 80;
    private static final int MAX_SHRINK = 32;
    /**
     * ImageIO can only keep every n-th pixel, which aliases: it subsamples no more than needed
     * to keep the decoded copy under this many pixels (about 12 MB), and never more than
     * {@link #shrinkOnLoad} allows.
     */
    static final long SUBSAMPLED_PIXEL_BUDGET = 4_000_000;

    private final long maxSourcePixels;
    private final int defaultJpegQuality;

    public ImageRenderer(long maxSourcePixels, int defaultJpegQuality) {
        this.maxSourcePixels = maxSourcePixels;
        this.defaultJpegQuality = defaultJpegQuality;
    }

    /** True when WebP can be written in this JVM (see {@link WebpEncoder}). */
    public static boolean canWriteWebp() {
        return WebpEncoder.available();
    }

    /** Renders without a deadline. */
    public RenderedImage render(byte[] content, ResizeOptions options) throws HttpProblem {
        return render(content, options, Long.MAX_VALUE);
    }

    /**
     * @param deadlineNanos a {@link System#nanoTime()} after which decoding is abandoned with 503
     */
    public RenderedImage render(byte[] content, ResizeOptions options, long deadlineNanos) throws HttpProblem {
        Decoded decoded = decode(content, options, deadlineNanos);
        BufferedImage oriented = orient(decoded.image(), decoded.orientation());
        ResizePlan plan = decoded.plan().forReducedSource(decoded.fullWidth(), decoded.fullHeight(),
                oriented.getWidth(), oriented.getHeight());
        OutputFormat originalFamily = decoded.formatName().equals("jpeg") ? OutputFormat.JPEG : OutputFormat.PNG;
        OutputFormat format = options.format() == null ? originalFamily : options.format();
        if (format == OutputFormat.WEBP && !WebpEncoder.available()) {
            format = originalFamily; // logged once by the encoder; the request is still answered
        }
        Background background = options.background() != null ? options.background()
                : format.hasAlpha() ? Background.TRANSPARENT : Background.WHITE;
        BufferedImage resized = resize(oriented, plan, background);
        if (!format.hasAlpha()) {
            resized = flatten(resized, background.isOpaque() ? background : Background.WHITE);
        }
        byte[] data = encode(resized, format, quality(options, format));
        return new RenderedImage(data, format, resized.getWidth(), resized.getHeight());
    }

    /**
     * @param plan       the resize worked out on the full-size, oriented original
     * @param fullWidth  the oriented original's width
     * @param fullHeight the oriented original's height
     */
    private record Decoded(BufferedImage image, String formatName, Orientation orientation,
                           ResizePlan plan, int fullWidth, int fullHeight) {
    }

    private Decoded decode(byte[] content, ResizeOptions options, long deadlineNanos) throws HttpProblem {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = DECODERS.readerFor(input);
            if (reader == null) {
                throw new HttpProblem(415, "unsupported image format");
            }
            try {
                String formatName = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!INPUT_FORMATS.contains(formatName)) {
                    throw new HttpProblem(415, "unsupported image format");
                }
                reader.setInput(input, true, false);
                int storedWidth = reader.getWidth(0);
                int storedHeight = reader.getHeight(0);
                if ((long) storedWidth * storedHeight > maxSourcePixels) {
                    throw new HttpProblem(413, "image too large");
                }
                Orientation orientation = formatName.equals("jpeg") ? orientationOf(content) : null;
                boolean turned = orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
                int width = turned ? storedHeight : storedWidth;
                int height = turned ? storedWidth : storedHeight;
                ResizePlan plan = Geometry.plan(width, height, options.pixelWidth(), options.pixelHeight(), options.fit(),
                        options.gravity());
                int shrink = shrinkOnLoad(plan);
                if (shrink >= JpegDcDecoder.SCALE && formatName.equals("jpeg")) {
                    // 8x8 block means straight from the DC coefficients: faster, and area-averaged
                    BufferedImage reduced = JpegDcDecoder.decode(content, deadlineNanos);
                    if (reduced != null) {
                        return new Decoded(reduced, formatName, orientation, plan, width, height);
                    }
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int subsampling = subsampling(plan, (long) storedWidth * storedHeight);
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                TruncationDetector truncation = new TruncationDetector();
                reader.addIIOReadWarningListener(truncation);
                DeadlineGuard deadline = new DeadlineGuard(deadlineNanos);
                reader.addIIOReadProgressListener(deadline);
                BufferedImage image = reader.read(0, param);
                if (deadline.aborted) {
                    throw new HttpProblem(503, "render timed out, try again shortly");
                }
                if (truncation.truncated) {
                    // The decoder filled the missing part with grey; that is not an image to cache.
                    throw new HttpProblem(422, "corrupt or unreadable image");
                }
                return new Decoded(image, formatName, orientation, plan, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Decoders signal broken data with IIOException and with assorted runtime exceptions.
            throw new HttpProblem(422, "corrupt or unreadable image");
        }
    }

    /**
     * How many times smaller the original may be decoded: the output needs at most one source
     * pixel in {@value #SHRINK_HEADROOM} per direction, the rest is thrown away by the resize
     * anyway. Decoding every n-th pixel keeps an 18 MP photo from becoming a full-size raster
     * for a thumbnail; keeping {@value #SHRINK_HEADROOM}× the output resolution leaves the
     * filtered resize enough samples to avoid aliasing.
     */
    static int shrinkOnLoad(ResizePlan plan) {
        double scale = Math.min((double) plan.scaledWidth() / plan.regionWidth(), (double) plan.scaledHeight() / plan.regionHeight());
        if (scale >= 1.0 / SHRINK_HEADROOM) {
            return 1;
        }
        return Math.max(1, Math.min(MAX_SHRINK, (int) Math.floor(1.0 / (scale * SHRINK_HEADROOM))));
    }

    /**
     * The subsampling ImageIO decodes with: as little as {@link #SUBSAMPLED_PIXEL_BUDGET} allows,
     * at most {@link #shrinkOnLoad}. Keeping every 4th or 6th pixel costs a photo 1 to 5 dB of
     * PSNR against keeping every 2nd, for the same decoding time.
     */
    static int subsampling(ResizePlan plan, long sourcePixels) {
        int needed = (int) Math.ceil(Math.sqrt((double) sourcePixels / SUBSAMPLED_PIXEL_BUDGET));
        return Math.max(1, Math.min(shrinkOnLoad(plan), needed));
    }

    /** Aborts a read whose deadline has passed; decoders check {@link ImageReader#abort()} as they go. */
    private static final class DeadlineGuard extends IIOReadProgressAdapter {
        private final long deadlineNanos;
        boolean aborted;

        DeadlineGuard(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                source.abort();
            }
        }

        @Override
        public void readAborted(ImageReader source) {
            aborted = true;
        }
    }

    /**
     * Decoders report a cut-off file as a warning, not an error. Other warnings (extraneous bytes
     * before a marker, a bad ICC profile) are common in camera files and harmless.
     */
    private static final class TruncationDetector implements IIOReadWarningListener {
        boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String text = warning.toLowerCase(Locale.ROOT);
            if (text.contains("premature end") || text.contains("truncated") || text.contains("missing eoi")) {
                truncated = true;
            }
        }
    }

    /** From the header's EXIF segment: asking the reader's metadata would parse the whole file. */
    private static Orientation orientationOf(byte[] jpeg) {
        try {
            byte[] exif = JpegSegments.exif(jpeg);
            return exif == null ? null : ExifUtils.getOrientationFromExif(exif);
        } catch (RuntimeException e) {
            return null; // a broken EXIF block must not cost the image
        }
    }

    private static BufferedImage orient(BufferedImage image, Orientation orientation) {
        if (orientation == null || orientation == Orientation.TOP_LEFT) {
            return image;
        }
        return ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
    }

    private int quality(ResizeOptions options, OutputFormat format) {
        if (options.quality() != 0) {
            return options.quality();
        }
        return format == OutputFormat.WEBP ? DEFAULT_WEBP_QUALITY : defaultJpegQuality;
    }

    private static BufferedImage resize(BufferedImage source, ResizePlan plan, Background background) throws HttpProblem {
        BufferedImage image = normalizeType(source);
        boolean crops = plan.cropsSource(image.getWidth(), image.getHeight());
        if (crops || plan.scaledWidth() != image.getWidth() || plan.scaledHeight() != image.getHeight()) {
            try {
                Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image);
                if (crops) {
                    builder.sourceRegion(plan.regionX(), plan.regionY(), plan.regionWidth(), plan.regionHeight());
                }
                image = builder.forceSize(plan.scaledWidth(), plan.scaledHeight()).resizer(LanczosResizer.INSTANCE).asBufferedImage();
            } catch (IOException e) {
                throw new HttpProblem(422, "corrupt or unreadable image");
            }
        }
        if (!plan.pads()) {
            return image;
        }
        BufferedImage canvas = new BufferedImage(plan.canvasWidth(), plan.canvasHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.setColor(new Color(background.argb(), true));
            g.fillRect(0, 0, plan.canvasWidth(), plan.canvasHeight());
            g.setComposite(java.awt.AlphaComposite.SrcOver);
            g.drawImage(image, (plan.canvasWidth() - plan.scaledWidth()) / 2, (plan.canvasHeight() - plan.scaledHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Indexed, grey and custom rasters resize badly or not at all: work in plain RGB(A). */
    private static BufferedImage normalizeType(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB
                || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = converted.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }

    /** JPEG has no alpha: draw transparent pixels onto the background instead of letting them turn black. */
    private static BufferedImage flatten(BufferedImage image, Background background) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(new Color(background.argb(), true));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static byte[] encode(BufferedImage image, OutputFormat format, int quality) throws HttpProblem {
        if (format == OutputFormat.WEBP) {
            try {
                return WebpEncoder.encode(image, quality);
            } catch (IOException | RuntimeException | LinkageError e) {
                throw new IllegalStateException("WebP encoding failed", e);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.optionName()).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == OutputFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new HttpProblem(500, "internal error");
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

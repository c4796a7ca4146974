package io.imgfilter.render;

import io.imgfilter.request.Background;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import java.io.IOException;
import javax.imageio.ImageReader;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Reads what the header says — format, size, orientation, for JPEGs the scan count — and works
 * out the whole plan from it: every limit that can be checked without decoding is checked here,
 * before a pixel is decoded or a byte of working memory reserved.
 */
final class ProbeStep implements RenderStep {

    /**
     * Encoders write up to a dozen scans (libjpeg's default script has 10, mozjpeg's up to 14);
     * files with more are decoded by the JDK's reader directly, one scan per read, so that its
     * deadline is looked at between scans (see {@link Decoders#jdkJpegReader}).
     */
    static final int TYPICAL_SCANS = 16;

    private final Decoders decoders;
    private final Encoders encoders;

    ProbeStep(Decoders decoders, Encoders encoders) {
        this.decoders = decoders;
        this.encoders = encoders;
    }

    @Override
    public void apply(RenderContext c) throws RenderException {
        int[] readBoundaries = new int[0];
        boolean manyScans = false;
        if (JpegSegments.isJpeg(c.content)) {
            JpegStructure structure = JpegStructure.of(c.content);
            if (structure.scans() > c.limits.maxScans()) {
                throw new ImageTooLargeException("image too complex: more than " + c.limits.maxScans() + " scans");
            }
            if (structure.hasUnusableIccProfile()) {
                // As libvips and browsers do: a profile that cannot be read is no profile, i.e. sRGB.
                c.content = structure.withoutIccProfile(c.content);
                structure = JpegStructure.of(c.content);
            }
            // the native decoder then looks at the deadline before every scan, not every 4 KB
            readBoundaries = structure.scanStarts();
            c.jpegHeaderBytes = readBoundaries.length > 0 ? readBoundaries[0] : c.content.length;
            manyScans = structure.scans() > TYPICAL_SCANS;
            c.jpegScans = structure.scans();
        }
        if (WebpStructure.isWebp(c.content) && !WebpStructure.hasImageData(c.content)) {
            throw new CorruptImageException();
        }
        c.input = new ByteArrayImageInputStream(c.content, c.deadline, readBoundaries);
        try {
            ImageReader reader = manyScans ? decoders.jdkJpegReader() : null;
            if (reader == null) {
                reader = decoders.readerFor(c.input);
            }
            if (reader == null) {
                throw new UnsupportedImageException();
            }
            c.reader = reader;
            c.format = InputFormat.byReaderName(reader.getFormatName()).orElseThrow(UnsupportedImageException::new);
            // Metadata is not needed (JPEG's colour profile and orientation are read separately):
            // PNG readers would otherwise keep every text chunk of a metadata bomb.
            reader.setInput(c.input, true, c.format != InputFormat.JPEG);
            c.storedWidth = reader.getWidth(0);
            c.storedHeight = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw DecodeStep.decoderFailed(e, c.deadline);
        }
        if (c.storedWidth < 1 || c.storedHeight < 1) {
            throw new CorruptImageException();
        }
        if ((long) c.storedWidth * c.storedHeight > c.limits.maxSourcePixels()) {
            throw new ImageTooLargeException("image too large");
        }
        c.orientation = c.format == InputFormat.JPEG ? orientationOf(c.content) : null;
        boolean turned = Orientations.transposes(c.orientation);
        int width = turned ? c.storedHeight : c.storedWidth;
        int height = turned ? c.storedWidth : c.storedHeight;
        ResizeOptions options = c.options;
        c.plan = Geometry.plan(width, height, options.pixelWidth(), options.pixelHeight(), options.fit(), options.gravity());
        checkOutputLimits(c.plan, c.limits);
        ResizePlan plan = c.plan;
        c.storedRegion = Orientations.storedRegion(c.orientation, c.storedWidth, c.storedHeight,
                plan.regionX(), plan.regionY(), plan.regionWidth(), plan.regionHeight());
        c.storedOutWidth = turned ? plan.scaledHeight() : plan.scaledWidth();
        c.storedOutHeight = turned ? plan.scaledWidth() : plan.scaledHeight();
        chooseOutput(c);
    }

    /** Whatever the fit and whichever sides were given, the output stays within the limits. */
    static void checkOutputLimits(ResizePlan plan, RenderLimits limits) throws OutputTooLargeException {
        if (plan.canvasWidth() > limits.maxWidth()) {
            throw new OutputTooLargeException("width " + plan.canvasWidth() + " over the limit of " + limits.maxWidth());
        }
        if (plan.canvasHeight() > limits.maxHeight()) {
            throw new OutputTooLargeException("height " + plan.canvasHeight() + " over the limit of " + limits.maxHeight());
        }
    }

    private void chooseOutput(RenderContext c) {
        OutputFormat family = c.format.family();
        if (family == OutputFormat.WEBP && !c.options.webpAllowed()) {
            family = OutputFormat.PNG; // format=auto for a browser without WebP
        }
        OutputFormat format = c.options.format() == null ? family : c.options.format();
        if (!encoders.canWrite(format)) {
            // logged once by the encoder; the request is still answered
            format = encoders.canWrite(family) ? family : OutputFormat.PNG;
        }
        c.outputFormat = format;
        c.background = c.options.background() != null ? c.options.background()
                : format.hasAlpha() ? Background.TRANSPARENT : Background.WHITE;
        c.quality = c.options.quality() != 0 ? c.options.quality() : encoders.defaultQuality(format);
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
}

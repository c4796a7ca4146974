package io.imgfilter.render;

import io.imgfilter.request.OutputFormat;
import java.awt.image.SampleModel;
import java.io.IOException;
import javax.imageio.ImageTypeSpecifier;

/**
 * The heap one render will need at its peak, worked out from the header and the plan before
 * anything is decoded: the original's bytes, the decoded raster at the planned size and what its
 * decoder allocates besides, the resize's buffers, and the output at each later step. An upper
 * bound, not a guess: {@code MemoryEstimateTest} measures what renders allocate against it.
 */
final class MemoryEstimate {

    /**
     * TwelveMonkeys' pure-Java WebP decoder, used only where libwebp cannot load, keeps objects
     * per macroblock and the whole ARGB raster: this much heap per stored pixel (measured: 81).
     */
    static final long JAVA_WEBP_BYTES_PER_PIXEL = 96;
    /** The PNG encoder's filter rows, deflater and output for photographs (measured: 18 to 20). */
    private static final long PNG_ENCODER_BYTES_PER_PIXEL = 24;
    /**
     * ImageIO's JPEG and PNG readers allocate about twice the raster they return (measured:
     * a destination and a converted or per-pass copy).
     */
    private static final int IMAGEIO_RASTER_COPIES = 2;
    /** Fixed costs of a decoder and encoder: tables, stream buffers. */
    private static final long FIXED = 512 * 1024;

    private MemoryEstimate() {
    }

    /** What the decoder will hand over, as far as the header tells. */
    private record RawType(long bytesPerPixel, boolean alpha) {
    }

    static long of(RenderContext c) {
        DecodePlan decode = c.decodePlan;
        RawType raw = rawType(c);
        long decoded = switch (decode.method()) {
            // an INT raster, plus one int per block and component for the DC values
            case DC_BLOCKS -> decode.pixels() * (4 + 4L * 3);
            case SCALED_IDCT -> scaledIdct(c, decode);
            case WEBP_NATIVE -> WebpNativeDecoder.heapBytes(decode.width(), decode.height());
            case IMAGEIO -> imageIo(c, decode, raw);
        };
        double regionWidth = c.storedRegion.width * decode.width() / decode.region().width;
        double regionHeight = c.storedRegion.height * decode.height() / decode.region().height;
        long resize = Resampler.workingBytes(regionWidth, regionHeight, c.storedOutWidth, c.storedOutHeight, raw.alpha());
        long working = decoded + resize + output(c, raw.alpha()) + FIXED;
        return c.content.length + working + working / 4; // a quarter more for what the measurements vary by
    }

    /** The resized image and what each later step makes of it, the encoder's copy included. */
    private static long output(RenderContext c, boolean alpha) {
        long pixels = (long) c.storedOutWidth * c.storedOutHeight;
        long canvas = (long) c.plan.canvasWidth() * c.plan.canvasHeight();
        long bytes = pixels * (alpha ? 4 : 3);
        if (c.orientation != null && c.orientation != net.coobird.thumbnailator.util.exif.Orientation.TOP_LEFT) {
            bytes += pixels * 4; // the turned copy
        }
        if (c.plan.pads()) {
            bytes += canvas * 4;
        }
        if (!c.outputFormat.hasAlpha() && (alpha || c.plan.pads())) {
            bytes += canvas * 3; // flattened
        }
        // the encoder's rows, buffers and output
        return bytes + canvas * (c.outputFormat == OutputFormat.PNG ? PNG_ENCODER_BYTES_PER_PIXEL : 4);
    }

    /**
     * An INT raster (a byte one for grey), one MCU row of samples and of kept coefficients per
     * component, and for a file of more than one scan (progressive, or components in scans of
     * their own) the kept coefficients of every block.
     */
    private static long scaledIdct(RenderContext c, DecodePlan decode) {
        int scale = decode.subsampling();
        long raster = decode.pixels() * 4;
        // 3 components of up to 4 blocks down an MCU, 32 pixels of MCU padding across
        long rows = (long) (c.storedWidth + 32) / scale * (32 / scale) * 3 * (1 + 2);
        long coefficients = c.jpegScans > 1 ? JpegScaledDecoder.coefficientBytes(c.storedWidth, c.storedHeight, scale) : 0;
        return raster + rows + coefficients;
    }

    private static long imageIo(RenderContext c, DecodePlan decode, RawType raw) {
        if (c.format == InputFormat.WEBP) {
            return (long) c.storedWidth * c.storedHeight * JAVA_WEBP_BYTES_PER_PIXEL;
        }
        long raster = decode.pixels() * raw.bytesPerPixel() * IMAGEIO_RASTER_COPIES;
        // row buffers at the stored width: the decoder reads whole rows even for a region
        long rows = (long) c.storedWidth * Math.max(4, raw.bytesPerPixel()) * 16;
        // CMYK and YCCK JPEGs are converted to RGB in a raster of their own
        long conversion = c.format == InputFormat.JPEG && raw.bytesPerPixel() >= 4 ? decode.pixels() * 4 : 0;
        // the JPEG reader keeps the segments of the header it reads, a metadata bomb included
        long segments = c.format == InputFormat.JPEG ? c.jpegHeaderBytes : 0;
        return raster + rows + conversion + segments;
    }

    /** The reader's raw image type; when it does not say, the common worst case. */
    private static RawType rawType(RenderContext c) {
        if (c.format == InputFormat.JPEG && (c.decodePlan.method() == DecodePlan.Method.DC_BLOCKS
                || c.decodePlan.method() == DecodePlan.Method.SCALED_IDCT)) {
            return new RawType(4, false);
        }
        try {
            ImageTypeSpecifier type = c.reader.getRawImageType(0);
            if (type != null) {
                SampleModel model = type.getSampleModel(1, 1);
                int bits = 0;
                for (int size : model.getSampleSize()) {
                    bits += size;
                }
                // packed and indexed rasters keep at least a byte per pixel
                return new RawType(Math.max(1, (bits + 7) / 8), type.getColorModel().hasAlpha());
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return new RawType(4, c.format != InputFormat.JPEG);
    }
}

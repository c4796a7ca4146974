package io.imgfilter.render;

import java.awt.image.SampleModel;
import java.io.IOException;
import javax.imageio.ImageTypeSpecifier;

/**
 * The heap one render will need at its peak, worked out from the header and the plan before
 * anything is decoded: the original's bytes, the decoded raster at the planned size and what its
 * decoder allocates besides, the resize's buffers, and the output at each later step. A close
 * upper bound, not a guess: {@code MemoryEstimateTest} measures renders against it.
 */
final class MemoryEstimate {

    /**
     * TwelveMonkeys' pure-Java WebP decoder, used only where libwebp cannot load, keeps objects
     * per macroblock and the whole ARGB raster: this much heap per stored pixel.
     */
    static final long JAVA_WEBP_BYTES_PER_PIXEL = 48;
    /** Fixed costs of a decoder and encoder: tables, stream buffers. */
    private static final long FIXED = 256 * 1024;

    private MemoryEstimate() {
    }

    static long of(RenderContext c) {
        DecodePlan decode = c.decodePlan;
        long decoded = switch (decode.method()) {
            // an INT raster, plus one int per block and component for the DC values
            case DC_BLOCKS -> decode.pixels() * (4 + 4L * 3);
            case WEBP_NATIVE -> WebpNativeDecoder.heapBytes(decode.width(), decode.height());
            case IMAGEIO -> imageIo(c, decode);
        };
        long resize = Resampler.workingBytes(c.storedRegion.width * decode.width() / decode.region().width,
                c.storedRegion.height * decode.height() / decode.region().height, c.storedOutWidth, c.storedOutHeight, true);
        long resized = (long) c.storedOutWidth * c.storedOutHeight * 4;
        long canvas = (long) c.plan.canvasWidth() * c.plan.canvasHeight() * 4;
        // resized, turned, padded, flattened, and the encoder's copy of the pixels and its output
        long output = resized * 2 + canvas * 4;
        return c.content.length + decoded + resize + output + FIXED;
    }

    private static long imageIo(RenderContext c, DecodePlan decode) {
        if (c.format == InputFormat.WEBP) {
            return (long) c.storedWidth * c.storedHeight * JAVA_WEBP_BYTES_PER_PIXEL;
        }
        long bytesPerPixel = bytesPerPixel(c);
        long raster = decode.pixels() * bytesPerPixel;
        // row buffers at the stored width: the decoder reads whole rows even for a region
        long rows = (long) c.storedWidth * Math.max(4, bytesPerPixel) * 16;
        long conversion = c.format == InputFormat.JPEG && bytesPerPixel >= 4 ? decode.pixels() * 4 : 0; // CMYK to RGB
        return raster + rows + conversion;
    }

    /** Of the raster the reader will return; 4 when it does not say. */
    private static long bytesPerPixel(RenderContext c) {
        try {
            ImageTypeSpecifier type = c.reader.getRawImageType(0);
            if (type != null) {
                SampleModel model = type.getSampleModel(1, 1);
                int bits = 0;
                for (int size : model.getSampleSize()) {
                    bits += size;
                }
                // packed and indexed rasters keep at least a byte per pixel; 16-bit samples two
                return Math.max(1, (bits + 7) / 8);
            }
        } catch (IOException | RuntimeException e) {
            // fall through: assume the common worst case
        }
        return 4;
    }
}

package io.imgfilter.render;

import io.imgfilter.request.Background;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageReader;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * What one render knows so far, carried from step to step. Each step reads what earlier steps
 * set and adds its own part; {@link #close()} gives back the decoder and the memory reservation
 * however the render ends.
 */
final class RenderContext implements AutoCloseable {

    final ResizeOptions options;
    final Deadline deadline;
    final RenderLimits limits;

    /** The original's bytes; dropped once decoded, so the raster does not have to share the heap with them. */
    byte[] content;
    /** Set by the probe for ImageIO decoders; disposed of on close. */
    ImageReader reader;
    ByteArrayImageInputStream input;

    // probe
    InputFormat format;
    int storedWidth;
    int storedHeight;
    Orientation orientation;
    /** The resize worked out on the oriented original. */
    ResizePlan plan;
    /** The plan's source region in stored (not yet oriented) pixels. */
    Rectangle2D.Double storedRegion;
    /** The resized size in stored orientation (width and height swapped for turned images). */
    int storedOutWidth;
    int storedOutHeight;
    /** For a JPEG: the bytes before its first scan, the part its reader keeps as segments. */
    int jpegHeaderBytes;
    /** For a JPEG: how many scans it has (more than one: progressive, or components scanned apart). */
    int jpegScans;
    OutputFormat outputFormat;
    Background background;
    int quality;

    // decode
    DecodePlan decodePlan;
    MemoryBudget.Reservation reservation;
    /**
     * The original's bytes, when they were counted in the budget before the render began (a
     * download): admission reserves only the rest of the estimate.
     */
    MemoryBudget.Reservation contentReservation;
    /** Native memory a decoder needs outside the heap, held until it has decoded. */
    MemoryBudget.Reservation nativeReservation;
    BufferedImage image;
    /** The stored pixels that {@link #image} shows, while it is the decoded original. */
    Rectangle2D.Double imageArea;

    RenderedImage result;

    RenderContext(byte[] content, ResizeOptions options, Deadline deadline, RenderLimits limits) {
        this.content = content;
        this.options = options;
        this.deadline = deadline;
        this.limits = limits;
    }

    /** The decoder is done with the original's bytes, and with any native memory it needed. */
    void releaseContent() {
        content = null;
        disposeReader();
        releaseNative();
        releaseContentReservation();
    }

    private void releaseContentReservation() {
        if (contentReservation != null) {
            contentReservation.close();
            contentReservation = null;
        }
    }

    private void releaseNative() {
        if (nativeReservation != null) {
            nativeReservation.close();
            nativeReservation = null;
        }
    }

    private void disposeReader() {
        if (reader != null) {
            reader.dispose();
            reader = null;
        }
        if (input != null) {
            try {
                input.close();
            } catch (java.io.IOException ignored) {
                // a byte array: nothing to release
            }
            input = null;
        }
    }

    @Override
    public void close() {
        disposeReader();
        releaseNative();
        releaseContentReservation();
        if (reservation != null) {
            reservation.close();
            reservation = null;
        }
        content = null;
        image = null;
    }
}

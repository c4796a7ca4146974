package io.imgfilter.render;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Decodes what the plan says, and nothing else: the region at the planned size, first frame
 * only. Afterwards the original's bytes are let go. A decoder that ran out of data, or whose
 * result does not match the plan, has not decoded the image: that is corrupt, not a blank 200.
 */
final class DecodeStep implements RenderStep {

    private final MemoryBudget budget;

    DecodeStep(MemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public void apply(RenderContext c) throws RenderException {
        try {
            decode(c);
        } catch (IOException | RuntimeException e) {
            throw decoderFailed(e, c.deadline);
        }
        c.releaseContent();
    }

    private void decode(RenderContext c) throws RenderException, IOException {
        DecodePlan plan = c.decodePlan;
        if (plan.method() == DecodePlan.Method.DC_BLOCKS) {
            // a single-scan file streams through the scaled decoder, which skips AC
            // coefficients faster; a progressive one through the DC decoder, which skips AC scans
            BufferedImage blocks = c.jpegScans == 1
                    ? JpegScaledDecoder.decode(c.content, JpegDcDecoder.SCALE, c.deadline.nanos()) : null;
            if (blocks == null) {
                blocks = JpegDcDecoder.decode(c.content, c.deadline.nanos());
            }
            if (blocks != null) {
                c.image = blocks;
                c.imageArea = new Rectangle2D.Double(0, 0, c.storedWidth, c.storedHeight);
                return;
            }
            // out of that decoder's scope (arithmetic coding, 12-bit, damage): ImageIO decides
            c.decodePlan = DecodePlanStep.imageIo(c);
            AdmitStep.admit(c, budget);
            plan = c.decodePlan;
        } else if (plan.method() == DecodePlan.Method.SCALED_IDCT) {
            BufferedImage scaled = JpegScaledDecoder.decode(c.content, plan.subsampling(), plan.region(), c.deadline.nanos());
            if (scaled != null) {
                if (scaled.getWidth() != plan.width() || scaled.getHeight() != plan.height()) {
                    throw new CorruptImageException(); // the frame disagrees with what ImageIO's reader said
                }
                c.image = scaled;
                c.imageArea = new Rectangle2D.Double(plan.region().x, plan.region().y, plan.region().width, plan.region().height);
                return;
            }
            c.decodePlan = DecodePlanStep.imageIo(c);
            AdmitStep.admit(c, budget);
            plan = c.decodePlan;
        }
        if (plan.method() == DecodePlan.Method.WEBP_NATIVE) {
            c.image = WebpNativeDecoder.decode(c.content, plan.region(), plan.width(), plan.height());
        } else {
            c.image = readImageIo(c, plan);
        }
        if (c.image.getWidth() != plan.width() || c.image.getHeight() != plan.height()) {
            throw new CorruptImageException();
        }
        c.imageArea = new Rectangle2D.Double(plan.region().x, plan.region().y, plan.region().width, plan.region().height);
    }

    private static BufferedImage readImageIo(RenderContext c, DecodePlan plan) throws RenderException, IOException {
        ImageReader reader = c.reader;
        ImageReadParam param = reader.getDefaultReadParam();
        if (plan.region().width != c.storedWidth || plan.region().height != c.storedHeight) {
            param.setSourceRegion(plan.region());
        }
        if (plan.subsampling() > 1) {
            param.setSourceSubsampling(plan.subsampling(), plan.subsampling(), 0, 0);
        }
        TruncationDetector truncation = new TruncationDetector();
        reader.addIIOReadWarningListener(truncation);
        AbortOnDeadline abort = new AbortOnDeadline(c.deadline);
        reader.addIIOReadProgressListener(abort);
        BufferedImage image = reader.read(0, param);
        if (abort.aborted) {
            throw new RenderTimeoutException();
        }
        // The decoder filled the missing part with grey, or ran out of data and made it up.
        // (TwelveMonkeys' lossless WebP decoder reads ahead past the end of valid files: a WebP's
        // completeness is checked on its container instead, by the probe.)
        if (truncation.truncated || (c.format != InputFormat.JPEG && c.format != InputFormat.WEBP && c.input.readPastEnd())) {
            throw new CorruptImageException();
        }
        return image;
    }

    /**
     * What a decoder's exception means: decoders signal broken data with IIOException and with
     * assorted runtime exceptions, and a read past the deadline with whatever they wrap it in.
     */
    static RenderException decoderFailed(Exception e, Deadline deadline) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ByteArrayImageInputStream.DeadlinePassed) {
                return new RenderTimeoutException();
            }
        }
        return deadline.passed() ? new RenderTimeoutException() : new CorruptImageException(e);
    }

    /** Aborts a read whose deadline has passed, for decoders that look at {@link ImageReader#abort()}. */
    private static final class AbortOnDeadline extends IIOReadProgressAdapter {
        private final Deadline deadline;
        boolean aborted;

        AbortOnDeadline(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (deadline.passed()) {
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
}

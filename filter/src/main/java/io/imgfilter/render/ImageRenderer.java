package io.imgfilter.render;

import io.imgfilter.request.ResizeOptions;
import java.util.List;

/**
 * Renders one variant of an original as a pipeline of small steps over a {@link RenderContext}:
 * probe the header and plan → choose the decode → reserve its memory → decode the region at
 * scale → crop and resize → orient → pad and flatten → encode. The deadline is checked between
 * steps and inside every long one; failures are {@link RenderException}s that say what is wrong
 * with the image, and {@code http/} turns them into statuses.
 *
 * <p>Streams are memory-backed: ImageIO never writes temporary files, whatever the host
 * application set with {@code ImageIO.setUseCache}. The output carries no metadata of the
 * original (no EXIF, GPS, XMP or comments): it is a new image.
 */
public final class ImageRenderer {

    /**
     * Changes whenever a change here gives different bytes for the same original and options
     * (a new resizer, decoder or encoder setting): it invalidates every cached variant and ETag.
     */
    public static final int VERSION = 6;

    private static final Decoders DECODERS = new Decoders();

    private final RenderLimits limits;
    private final List<RenderStep> steps;
    private final MemoryBudget budget;

    public ImageRenderer(RenderLimits limits, int defaultJpegQuality, MemoryBudget budget) {
        this.limits = limits;
        this.budget = budget;
        Encoders encoders = new Encoders(defaultJpegQuality);
        this.steps = List.of(
                new ProbeStep(DECODERS, encoders),
                new DecodePlanStep(),
                // room for one lossless WebP canvas of the largest size allowed
                new AdmitStep(budget, new MemoryBudget(Math.max(1L << 20,
                        limits.maxSourcePixels() * AdmitStep.NATIVE_LOSSLESS_BYTES_PER_PIXEL))),
                new DecodeStep(budget),
                new ResizeStep(),
                new OrientStep(),
                new CanvasStep(),
                new EncodeStep(encoders));
    }

    /** With the largest output limits and a quarter of the heap as budget (tools and tests). */
    public ImageRenderer(long maxSourcePixels, int defaultJpegQuality) {
        this(new RenderLimits(maxSourcePixels, 10_000, 10_000, RenderLimits.DEFAULT_MAX_SCANS), defaultJpegQuality,
                new MemoryBudget(Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4)));
    }

    /** True when WebP can be written in this JVM (see {@link WebpEncoder}). */
    public static boolean canWriteWebp() {
        return WebpEncoder.available();
    }

    public MemoryBudget budget() {
        return budget;
    }

    /** Renders without a deadline. */
    public RenderedImage render(byte[] content, ResizeOptions options) throws RenderException {
        return render(content, options, Deadline.none());
    }

    /** The working memory a render of these options would reserve, from the header alone (tests, tools). */
    long estimateMemory(byte[] content, ResizeOptions options) throws RenderException {
        try (RenderContext context = new RenderContext(content, options, Deadline.none(), limits)) {
            for (RenderStep step : steps) {
                if (step instanceof AdmitStep) {
                    return MemoryEstimate.of(context);
                }
                step.apply(context);
            }
        }
        throw new IllegalStateException("the pipeline has no admission step");
    }

    /** How a render of these options would decode, from the header alone (tests, tools). */
    DecodePlan decodePlan(byte[] content, ResizeOptions options) throws RenderException {
        try (RenderContext context = new RenderContext(content, options, Deadline.none(), limits)) {
            for (RenderStep step : steps) {
                if (step instanceof AdmitStep) {
                    return context.decodePlan;
                }
                step.apply(context);
            }
        }
        throw new IllegalStateException("the pipeline has no admission step");
    }

    public RenderedImage render(byte[] content, ResizeOptions options, Deadline deadline) throws RenderException {
        return render(content, null, options, deadline);
    }

    /**
     * Renders an original whose bytes are already counted in this renderer's budget by
     * {@code held} (a download), which the render takes over and closes once it has decoded
     * them or failed; null when they were not counted.
     */
    public RenderedImage render(byte[] content, MemoryBudget.Reservation held, ResizeOptions options, Deadline deadline)
            throws RenderException {
        RenderContext started = new RenderContext(content, options, deadline, limits);
        started.contentReservation = held;
        content = null; // the context owns the bytes now, and lets go of them once decoded
        try (RenderContext context = started) {
            for (RenderStep step : steps) {
                deadline.check();
                step.apply(context);
            }
            return context.result;
        } catch (OutOfMemoryError e) {
            // The estimate fell short, or the host itself is short of memory: this request fails,
            // and what it held is garbage now that its context is gone.
            throw new RenderBusyException(e);
        }
    }
}

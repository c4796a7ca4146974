package io.imgfilter.render;

/**
 * Reserves the render's estimated working memory in the budget before decoding: the render
 * waits while other renders hold it (until its deadline). One that could never fit is first
 * planned smaller (a coarser subsampling that still keeps the output's resolution), and refused
 * only when that is not enough.
 *
 * <p>libwebp decodes a lossless image into a native buffer of the whole canvas (backward
 * references may reach any earlier pixel), outside the heap: those bytes are reserved in a
 * budget of their own, so that lossless decodes at once never hold more native memory than one
 * image of the largest size allowed.
 */
final class AdmitStep implements RenderStep {

    /** libwebp's lossless canvas: ARGB, 4 bytes per stored pixel. */
    static final int NATIVE_LOSSLESS_BYTES_PER_PIXEL = 4;

    private final MemoryBudget budget;
    private final MemoryBudget nativeCanvases;

    AdmitStep(MemoryBudget budget, MemoryBudget nativeCanvases) {
        this.budget = budget;
        this.nativeCanvases = nativeCanvases;
    }

    @Override
    public void apply(RenderContext c) throws RenderException {
        admit(c, budget);
        if (c.decodePlan.method() == DecodePlan.Method.WEBP_NATIVE && WebpStructure.isLossless(c.content)) {
            long canvas = (long) c.storedWidth * c.storedHeight * NATIVE_LOSSLESS_BYTES_PER_PIXEL;
            c.nativeReservation = nativeCanvases.reserve(canvas, c.deadline);
        }
    }

    /** Reserves for the context's current decode plan, giving back what it held before. */
    static void admit(RenderContext c, MemoryBudget budget) throws RenderException {
        if (c.reservation != null) {
            c.reservation.close();
            c.reservation = null;
        }
        long estimate = MemoryEstimate.of(c);
        while (estimate > budget.totalBytes()) {
            java.util.Optional<DecodePlan> smaller = DecodePlanStep.smaller(c, c.decodePlan);
            if (smaller.isEmpty()) {
                break; // refused by the budget as too large
            }
            c.decodePlan = smaller.get();
            estimate = MemoryEstimate.of(c);
        }
        // bytes of the original already counted (a download) are not reserved twice
        long held = c.contentReservation != null && c.contentReservation.isFrom(budget)
                ? Math.min(estimate, c.contentReservation.bytes()) : 0;
        if (estimate > budget.totalBytes()) {
            throw ImageTooLargeException.overMemoryBudget();
        }
        c.reservation = budget.reserve(estimate - held, c.deadline);
    }
}

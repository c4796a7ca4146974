package io.imgfilter.render;

/**
 * Reserves the render's estimated working memory in the budget before decoding: the render
 * waits while other renders hold it (until its deadline). One that could never fit is first
 * planned smaller (a coarser subsampling that still keeps the output's resolution), and refused
 * only when that is not enough.
 */
final class AdmitStep implements RenderStep {

    private final MemoryBudget budget;

    AdmitStep(MemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public void apply(RenderContext c) throws RenderException {
        admit(c, budget);
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
        c.reservation = budget.reserve(estimate, c.deadline);
    }
}

package io.imgfilter.render;

/**
 * Reserves the render's estimated working memory in the budget before decoding: the render
 * waits while other renders hold it (until its deadline), and one that could never fit is
 * refused at once.
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
        c.reservation = budget.reserve(MemoryEstimate.of(c), c.deadline);
    }
}

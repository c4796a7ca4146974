package io.imgfilter.render;

/**
 * One step of the render pipeline. Steps run in order over one {@link RenderContext}; the
 * pipeline checks the deadline between them, and long steps check it inside their loops.
 */
interface RenderStep {

    void apply(RenderContext context) throws RenderException;
}

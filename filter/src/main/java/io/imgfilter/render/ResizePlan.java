package io.imgfilter.render;

/**
 * The pixel arithmetic of one resize: take {@code region} of the (oriented) original, scale it to
 * {@code scaledWidth} × {@code scaledHeight}, and centre that on a canvas of {@code canvasWidth}
 * × {@code canvasHeight} (larger only for {@code fit=pad}).
 */
public record ResizePlan(int regionX, int regionY, int regionWidth, int regionHeight,
                         int scaledWidth, int scaledHeight, int canvasWidth, int canvasHeight) {

    public boolean cropsSource(int sourceWidth, int sourceHeight) {
        return regionX != 0 || regionY != 0 || regionWidth != sourceWidth || regionHeight != sourceHeight;
    }

    public boolean pads() {
        return canvasWidth != scaledWidth || canvasHeight != scaledHeight;
    }

    /**
     * The same plan for a copy of the source decoded at reduced size: the region shrinks with
     * the source; the output sizes stay exactly what the full-size plan said.
     */
    public ResizePlan forReducedSource(int fullWidth, int fullHeight, int reducedWidth, int reducedHeight) {
        if (fullWidth == reducedWidth && fullHeight == reducedHeight) {
            return this;
        }
        double sx = (double) reducedWidth / fullWidth;
        double sy = (double) reducedHeight / fullHeight;
        int x = (int) Math.floor(regionX * sx);
        int y = (int) Math.floor(regionY * sy);
        int w = Math.max(1, Math.min(reducedWidth - x, (int) Math.round(regionWidth * sx)));
        int h = Math.max(1, Math.min(reducedHeight - y, (int) Math.round(regionHeight * sy)));
        return new ResizePlan(x, y, w, h, scaledWidth, scaledHeight, canvasWidth, canvasHeight);
    }
}

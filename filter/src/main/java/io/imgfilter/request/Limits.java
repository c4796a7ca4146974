package io.imgfilter.request;

/**
 * The hard ceilings on what the filter produces: whatever a preset or a URL asks, the output is
 * never wider than {@code maxWidth} nor taller than {@code maxHeight} pixels (device pixel ratio
 * included), and the ratio never exceeds {@code maxDpr}.
 */
public record Limits(int maxWidth, int maxHeight, double maxDpr) {

    /** Above this no limit may be configured: a 10000×10000 RGB raster is already 400 MB. */
    public static final int ABSOLUTE_MAX_DIMENSION = 10_000;

    public static final Limits DEFAULTS = new Limits(2_000, 2_000, 3.0);

    public Limits {
        if (maxWidth < 1 || maxWidth > ABSOLUTE_MAX_DIMENSION || maxHeight < 1 || maxHeight > ABSOLUTE_MAX_DIMENSION) {
            throw new IllegalArgumentException("limits must be from 1 to " + ABSOLUTE_MAX_DIMENSION + " pixels");
        }
        if (!(maxDpr >= 1.0 && maxDpr <= 5.0)) {
            throw new IllegalArgumentException("maximum dpr must be from 1 to 5");
        }
    }
}

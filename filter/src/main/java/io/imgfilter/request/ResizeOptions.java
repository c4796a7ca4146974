package io.imgfilter.request;

/**
 * What to make of an original, already checked against the {@link Limits}: a box of
 * {@code width} × {@code height} CSS pixels (0 where unset), multiplied by {@code dpr} for the
 * real pixel count, how to fit into it, and how to encode.
 *
 * @param width   requested width in CSS pixels, 0 when only the height is given
 * @param height  requested height in CSS pixels, 0 when only the width is given
 * @param fit     how the image fills the box
 * @param quality encoder quality 1–100, or 0 for the format's default
 * @param format  output format, or null to keep the original's family (JPEG stays JPEG,
 *                everything else becomes PNG)
 * @param dpr     device pixel ratio, 1.0 unless asked
 * @param gravity what cover and crop keep
 * @param background colour behind transparency and padding, or null for the default (white in
 *                JPEG, transparent in PNG and WebP)
 * @param autoFormat whether {@code format=auto} was asked: the filter then picks WebP for
 *                browsers that accept it, else the original's family but never WebP. Still
 *                true after negotiation when the browser does not take WebP.
 */
public record ResizeOptions(int width, int height, Fit fit, int quality, OutputFormat format, double dpr,
                            Gravity gravity, Background background, boolean autoFormat) {

    /** Options with the default gravity and background, and a fixed format. */
    public ResizeOptions(int width, int height, Fit fit, int quality, OutputFormat format, double dpr) {
        this(width, height, fit, quality, format, dpr, Gravity.CENTER, null, false);
    }

    /**
     * The same options with the format the filter chose for {@code format=auto}: WebP, or null
     * for the original's family without WebP (the options then stay {@link #autoFormat}, which
     * the renderer reads as "not WebP").
     */
    public ResizeOptions withNegotiatedFormat(OutputFormat chosen) {
        return new ResizeOptions(width, height, fit, quality, chosen, dpr, gravity, background, chosen == null);
    }

    /** True unless the format was left to negotiation and the client does not take WebP. */
    public boolean webpAllowed() {
        return !(autoFormat && format == null);
    }

    /** Output width in real pixels, 0 when unset. */
    public int pixelWidth() {
        return (int) Math.round(width * dpr);
    }

    /** Output height in real pixels, 0 when unset. */
    public int pixelHeight() {
        return (int) Math.round(height * dpr);
    }

    /**
     * These options written as a flexible URL segment ({@code width=300,fit=cover,…}), leaving
     * out what has its default, so that {@link OptionsParser} reads them back the same.
     */
    public String toOptionsText() {
        StringBuilder text = new StringBuilder(48);
        if (width > 0) {
            text.append("width=").append(width);
        }
        if (height > 0) {
            text.append(text.length() > 0 ? "," : "").append("height=").append(height);
        }
        if (fit != Fit.SCALE_DOWN) {
            text.append(",fit=").append(fit.optionName());
        }
        if (gravity != Gravity.CENTER) {
            text.append(",gravity=").append(gravity.optionName());
        }
        if (quality != 0) {
            text.append(",quality=").append(quality);
        }
        if (autoFormat) {
            text.append(",format=auto");
        } else if (format != null) {
            text.append(",format=").append(format.optionName());
        }
        if (background != null) {
            text.append(",background=").append(background.canonical().substring(2)).append(background.canonical(), 0, 2);
        }
        if (dpr != 1.0) {
            text.append(",dpr=").append(dpr == Math.rint(dpr) ? Integer.toString((int) dpr) : Double.toString(dpr));
        }
        return text.toString();
    }

    /**
     * A stable text naming exactly these options, whatever spelling the URL used: the part of a
     * cache key or an ETag that says which variant this is.
     */
    public String canonical() {
        return "w" + pixelWidth() + ",h" + pixelHeight() + "," + fit.optionName()
                + ",q" + quality + "," + (autoFormat ? "auto" : format == null ? "orig" : format.optionName())
                + (gravity == Gravity.CENTER ? "" : ",g" + gravity.optionName())
                + (background == null ? "" : ",bg" + background.canonical());
    }
}

package io.imgfilter.render;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;

/**
 * Decides how to decode only what the output needs: the stored region the plan keeps (a crop of
 * a tall image decodes a few rows' worth of pixels, not the whole image), at the smallest size
 * that still leaves the resize {@value #SHRINK_HEADROOM}× the output's resolution. A JPEG is
 * reduced in the DCT domain by the most of 8, 4 and 2 that allows ({@link JpegDcDecoder} for 8,
 * {@link JpegScaledDecoder} for 4 and 2; ImageIO decodes it when neither does), anything else by
 * ImageIO's subsampling or libwebp's scaling.
 */
final class DecodePlanStep implements RenderStep {

    /** The decoded copy keeps at least this many times the output's resolution. */
    static final int SHRINK_HEADROOM = 2;
    private static final int MAX_SHRINK = 32;
    /**
     * ImageIO can only keep every n-th pixel, which aliases: it subsamples no more than needed
     * to keep the decoded copy under this many pixels (about 12 MB), and never more than
     * {@link #shrinkOnLoad} allows.
     */
    static final long SUBSAMPLED_PIXEL_BUDGET = 4_000_000;

    @Override
    public void apply(RenderContext c) {
        Rectangle region = pixelBounds(c.storedRegion, c.storedWidth, c.storedHeight);
        int shrink = shrinkOnLoad(c.storedOutWidth, c.storedOutHeight, c.storedRegion.width, c.storedRegion.height);
        if (c.format == InputFormat.JPEG && shrink >= JpegDcDecoder.SCALE) {
            int w = (c.storedWidth + JpegDcDecoder.SCALE - 1) / JpegDcDecoder.SCALE;
            int h = (c.storedHeight + JpegDcDecoder.SCALE - 1) / JpegDcDecoder.SCALE;
            c.decodePlan = new DecodePlan(DecodePlan.Method.DC_BLOCKS, new Rectangle(0, 0, c.storedWidth, c.storedHeight), w, h, 1);
        } else if (c.format == InputFormat.JPEG && shrink >= 2) {
            c.decodePlan = scaledIdct(c, region, shrink >= 4 ? 4 : 2);
        } else if (c.format == InputFormat.WEBP && WebpNativeDecoder.available() && WebpNativeDecoder.decodes(c.content)) {
            region = evenOrigin(region);
            double scale = Math.min(1.0, SHRINK_HEADROOM * Math.max(
                    c.storedOutWidth / (double) region.width, c.storedOutHeight / (double) region.height));
            int w = Math.max(1, Math.min(region.width, (int) Math.ceil(region.width * scale)));
            int h = Math.max(1, Math.min(region.height, (int) Math.ceil(region.height * scale)));
            c.decodePlan = new DecodePlan(DecodePlan.Method.WEBP_NATIVE, region, w, h, 1);
        } else {
            c.decodePlan = imageIo(c);
        }
    }

    /** The region at 1/{@code scale} in the DCT domain, grown to whole output pixels. */
    private static DecodePlan scaledIdct(RenderContext c, Rectangle region, int scale) {
        Rectangle out = JpegScaledDecoder.outputBounds(region, scale, c.storedWidth, c.storedHeight);
        Rectangle stored = JpegScaledDecoder.storedBounds(out, scale, c.storedWidth, c.storedHeight);
        return new DecodePlan(DecodePlan.Method.SCALED_IDCT, stored, out.width, out.height, scale);
    }

    /** The ImageIO plan, also the fallback when a DCT-domain decoder turns a file down. */
    static DecodePlan imageIo(RenderContext c) {
        Rectangle region = pixelBounds(c.storedRegion, c.storedWidth, c.storedHeight);
        int shrink = shrinkOnLoad(c.storedOutWidth, c.storedOutHeight, c.storedRegion.width, c.storedRegion.height);
        return imageIo(region, subsampling(shrink, (long) region.width * region.height));
    }

    /**
     * A plan that decodes fewer pixels than {@code plan}, for a render that would not fit the
     * memory budget otherwise: ImageIO keeps every n+1-th pixel instead of every n-th, and a JPEG
     * reduced in the DCT domain is reduced twice as much, as long as the decoded copy keeps at
     * least the output's resolution, then handed to ImageIO at the same reduction; libwebp scales
     * to the output's size itself. Empty when it cannot.
     */
    static java.util.Optional<DecodePlan> smaller(RenderContext c, DecodePlan plan) {
        if (plan.method() == DecodePlan.Method.WEBP_NATIVE) {
            // libwebp's own rescaler averages areas: decoded straight at the output's size, the
            // resize has nothing left to filter
            int w = Math.max(1, Math.min(plan.region().width,
                    (int) Math.ceil(plan.region().width * c.storedOutWidth / c.storedRegion.width)));
            int h = Math.max(1, Math.min(plan.region().height,
                    (int) Math.ceil(plan.region().height * c.storedOutHeight / c.storedRegion.height)));
            return w < plan.width() || h < plan.height()
                    ? java.util.Optional.of(new DecodePlan(DecodePlan.Method.WEBP_NATIVE, plan.region(), w, h, 1))
                    : java.util.Optional.empty();
        }
        if (plan.method() == DecodePlan.Method.SCALED_IDCT) {
            int next = plan.subsampling() * 2;
            double kept = Math.min(c.storedRegion.width / next / c.storedOutWidth, c.storedRegion.height / next / c.storedOutHeight);
            if (kept < 1.0) {
                // no smaller DCT-domain scale keeps the output's resolution: ImageIO at the same
                // reduction holds no coefficients in the heap (libjpeg's are native), and may
                // subsample further from there
                return java.util.Optional.of(imageIo(pixelBounds(c.storedRegion, c.storedWidth, c.storedHeight),
                        plan.subsampling()));
            }
            if (next == JpegDcDecoder.SCALE) {
                return java.util.Optional.of(new DecodePlan(DecodePlan.Method.DC_BLOCKS, new Rectangle(0, 0, c.storedWidth, c.storedHeight),
                        (c.storedWidth + next - 1) / next, (c.storedHeight + next - 1) / next, 1));
            }
            return java.util.Optional.of(scaledIdct(c, pixelBounds(c.storedRegion, c.storedWidth, c.storedHeight), next));
        }
        if (plan.method() != DecodePlan.Method.IMAGEIO) {
            return java.util.Optional.empty();
        }
        int next = plan.subsampling() + 1;
        double kept = Math.min(c.storedRegion.width / next / c.storedOutWidth, c.storedRegion.height / next / c.storedOutHeight);
        return kept >= 1.0 ? java.util.Optional.of(imageIo(plan.region(), next)) : java.util.Optional.empty();
    }

    private static DecodePlan imageIo(Rectangle region, int subsampling) {
        int w = (region.width + subsampling - 1) / subsampling;
        int h = (region.height + subsampling - 1) / subsampling;
        return new DecodePlan(DecodePlan.Method.IMAGEIO, region, w, h, subsampling);
    }

    /** The region grown by a pixel leftwards or upwards from an odd origin: libwebp crops lossy images at even pixels only. */
    private static Rectangle evenOrigin(Rectangle region) {
        int x = region.x & ~1;
        int y = region.y & ~1;
        return new Rectangle(x, y, region.width + region.x - x, region.height + region.y - y);
    }

    /** The whole stored pixels that cover the region. */
    static Rectangle pixelBounds(Rectangle2D.Double region, int width, int height) {
        int x0 = Math.max(0, (int) Math.floor(region.x + 1e-9));
        int y0 = Math.max(0, (int) Math.floor(region.y + 1e-9));
        int x1 = Math.min(width, Math.max(x0 + 1, (int) Math.ceil(region.x + region.width - 1e-9)));
        int y1 = Math.min(height, Math.max(y0 + 1, (int) Math.ceil(region.y + region.height - 1e-9)));
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * How many times smaller the region may be decoded: the output needs at most one source
     * pixel in {@value #SHRINK_HEADROOM} per direction, the rest is thrown away by the resize
     * anyway; keeping {@value #SHRINK_HEADROOM}× the output resolution leaves the filtered
     * resize enough samples to avoid aliasing.
     */
    static int shrinkOnLoad(int outWidth, int outHeight, double regionWidth, double regionHeight) {
        double scale = Math.min(outWidth / regionWidth, outHeight / regionHeight);
        if (scale >= 1.0 / SHRINK_HEADROOM) {
            return 1;
        }
        return Math.max(1, Math.min(MAX_SHRINK, (int) Math.floor(1.0 / (scale * SHRINK_HEADROOM))));
    }

    /**
     * The subsampling ImageIO decodes with: as little as {@link #SUBSAMPLED_PIXEL_BUDGET} allows,
     * at most {@code shrink}. Keeping every 4th or 6th pixel costs a photo 1 to 5 dB of PSNR
     * against keeping every 2nd, for the same decoding time.
     */
    static int subsampling(int shrink, long regionPixels) {
        int needed = (int) Math.ceil(Math.sqrt((double) regionPixels / SUBSAMPLED_PIXEL_BUDGET));
        return Math.max(1, Math.min(shrink, needed));
    }
}

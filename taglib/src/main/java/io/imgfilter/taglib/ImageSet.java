package io.imgfilter.taglib;

import io.imgfilter.ImageUrls;
import io.imgfilter.request.Fit;
import io.imgfilter.request.Limits;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.Preset;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.request.SourcePathParser;
import java.util.ArrayList;
import java.util.List;

/**
 * The URLs of one image as a tag asks for them: the {@code src}, and for responsive images a
 * {@code srcset} of separately signed candidates with {@code w} descriptors; plus the
 * {@code width} and {@code height} the browser may reserve, known only when every candidate is
 * exactly a fixed box (fit {@code cover} or {@code pad} with both dimensions), since any other
 * fit depends on the original's size.
 *
 * <p>The choices: {@code preset} alone; {@code options} alone (flexible URL); {@code presets}
 * (srcset, with {@code preset} as a different fallback if wanted); {@code widths} (flexible srcset
 * entries {@code width=W}, each followed by {@code options} if given, with {@code preset} as a
 * fallback if wanted).
 */
final class ImageSet {

    /**
     * Reads width, height, fit and dpr back out of flexible options that {@link ImageUrls} has
     * already checked against the real limits, so these limits only need to admit anything.
     */
    private static final OptionsParser GEOMETRY = new OptionsParser(
            new Limits(Limits.ABSOLUTE_MAX_DIMENSION, Limits.ABSOLUTE_MAX_DIMENSION, 5.0));

    private final String src;
    private final String srcset;
    private final int width;
    private final int height;

    private ImageSet(String src, String srcset, int width, int height) {
        this.src = src;
        this.srcset = srcset;
        this.width = width;
        this.height = height;
    }

    /** The URL for {@code src}. */
    String src() {
        return src;
    }

    /** The {@code srcset} value, or null for a single image. */
    String srcset() {
        return srcset;
    }

    /** Width in CSS pixels every candidate has exactly, or 0 when it depends on the original. */
    int width() {
        return width;
    }

    /** Height in CSS pixels, as {@link #width()}. */
    int height() {
        return height;
    }

    /**
     * @param source  the original's path, not encoded
     * @param preset  a preset name, or null/empty
     * @param presets comma-separated preset names for a srcset, or null/empty
     * @param widths  comma-separated pixel widths for a srcset of flexible URLs, or null/empty
     * @param options flexible options, alone or added to each of {@code widths}, or null/empty
     * @throws ImageTagException        for a combination that makes no sense, an unknown preset,
     *                                  a path the filter would refuse
     * @throws IllegalArgumentException from {@link ImageUrls} (flexible options off, over a limit)
     */
    static ImageSet build(ImageUrls urls, String source, String preset, String presets, String widths, String options,
                          Lifetime lifetime) {
        return build(urls, source, preset, presets, widths, options, null, lifetime);
    }

    /**
     * @param dprs comma-separated device pixel ratios for a srcset with {@code x} descriptors
     *             ({@code 1,2,3}), with one preset or options, or null/empty
     */
    static ImageSet build(ImageUrls urls, String source, String preset, String presets, String widths, String options,
                          String dprs, Lifetime lifetime) {
        if (given(dprs)) {
            return byPixelRatio(urls, source, preset, presets, widths, options, dprs, lifetime);
        }
        boolean hasPreset = given(preset);
        boolean hasPresets = given(presets);
        boolean hasWidths = given(widths);
        boolean hasOptions = given(options);
        if (hasPresets && hasWidths) {
            throw new ImageTagException("give presets or widths, not both");
        }
        if (hasPresets && hasOptions) {
            throw new ImageTagException("options go with widths or alone, not with presets");
        }
        if (hasPreset && hasOptions && !hasWidths) {
            throw new ImageTagException("give preset or options, not both");
        }
        if (!hasPreset && !hasPresets && !hasWidths && !hasOptions) {
            throw new ImageTagException("no size given: set preset (e.g. preset=\"small\"), presets (a srcset, e.g."
                    + " presets=\"small,medium,large\"), widths (e.g. widths=\"300,600,900\") or options (e.g. options=\"width=400\")");
        }
        checkSource(source);

        if (!hasPresets && !hasWidths) {
            Candidate single = hasPreset ? presetCandidate(urls, source, preset, lifetime, false)
                    : flexibleCandidate(urls, source, options, lifetime);
            return new ImageSet(single.url, null, single.boxWidth, single.boxHeight);
        }

        List<Candidate> candidates = new ArrayList<>();
        if (hasPresets) {
            for (String name : items(presets, "presets")) {
                candidates.add(presetCandidate(urls, source, name, lifetime, true));
            }
        } else {
            for (String width : items(widths, "widths")) {
                if (!isWholeNumber(width)) {
                    throw new ImageTagException("widths [" + widths + "] must be whole numbers of pixels separated by"
                            + " commas, e.g. 300,600,900");
                }
                String entry = hasOptions ? "width=" + width + "," + options : "width=" + width;
                candidates.add(flexibleCandidate(urls, source, entry, lifetime));
            }
        }
        checkDistinct(candidates, hasPresets);

        Candidate fallback = candidates.get(0);
        if (hasPreset) {
            fallback = null;
            if (hasPresets) {
                for (Candidate candidate : candidates) {
                    if (candidate.variant.equals(preset)) {
                        fallback = candidate;
                        break;
                    }
                }
            }
            if (fallback == null) {
                fallback = presetCandidate(urls, source, preset, lifetime, false);
            }
        }

        StringBuilder srcset = new StringBuilder(candidates.size() * (fallback.url.length() + 8));
        boolean sameBox = fallback.boxWidth > 0;
        for (Candidate candidate : candidates) {
            if (srcset.length() > 0) {
                srcset.append(", ");
            }
            srcset.append(candidate.url).append(' ').append(candidate.descriptor).append('w');
            // equal aspect ratios: the fallback's width and height fit every candidate
            sameBox &= candidate.boxWidth > 0
                    && (long) candidate.boxWidth * fallback.boxHeight == (long) fallback.boxWidth * candidate.boxHeight;
        }
        return new ImageSet(fallback.url, srcset.toString(), sameBox ? fallback.boxWidth : 0, sameBox ? fallback.boxHeight : 0);
    }

    /**
     * A srcset of one variant at several device pixel ratios: {@code 1x} is the preset itself (or
     * the options), each other ratio a flexible URL of the same options with {@code dpr=N}, each
     * signed on its own. The filter must allow flexible options for ratios above 1.
     */
    private static ImageSet byPixelRatio(ImageUrls urls, String source, String preset, String presets, String widths,
                                         String options, String dprs, Lifetime lifetime) {
        if (given(presets) || given(widths) || given(preset) == given(options)) {
            throw new ImageTagException("dprs goes with one preset or with options, not with presets or widths");
        }
        checkSource(source);
        Candidate base = given(preset) ? presetCandidate(urls, source, preset, lifetime, false)
                : flexibleCandidate(urls, source, options, lifetime);
        ResizeOptions baseOptions = base.options;
        if (baseOptions.dpr() != 1.0) {
            throw new ImageTagException("dprs needs a variant without dpr of its own, and " + base.variant + " sets dpr");
        }
        StringBuilder srcset = new StringBuilder();
        String src = null;
        for (String ratio : items(dprs, "dprs")) {
            if (!ratio.matches("[1-5](\\.[0-9]{1,2})?")) {
                throw new ImageTagException("dprs [" + dprs + "] must be ratios from 1 to 5 separated by commas, e.g. 1,2,3");
            }
            String url = ratio.equals("1") ? base.url
                    : lifetime.flexibleUrl(urls, source, baseOptions.toOptionsText() + ",dpr=" + ratio);
            if (src == null) {
                src = url;
            }
            srcset.append(srcset.length() > 0 ? ", " : "").append(url).append(' ').append(ratio).append('x');
        }
        return new ImageSet(src, srcset.toString(), base.boxWidth, base.boxHeight);
    }

    /**
     * Refuses a source path that the filter would refuse, so that a page shows an error instead
     * of a broken image.
     */
    static void checkSource(String source) {
        if (source == null || source.isEmpty()) {
            throw new ImageTagException("src is empty; give the original's path below the filter's source, e.g. 2024/cat.jpg");
        }
        String encoded;
        try {
            encoded = ImageUrls.encodePath(source);
        } catch (IllegalArgumentException e) {
            throw new ImageTagException("src [" + source + "] cannot be served: it has an empty, '.' or '..' segment");
        }
        try {
            SourcePathParser.parse(encoded);
        } catch (SourcePathParser.UnsafePathException e) {
            throw new ImageTagException("src [" + source + "] is a path the filter refuses (" + e.getMessage()
                    + "); names may not start with '.', end with '.' or a space, or contain ':', ';', '\\', control"
                    + " characters or '%' followed by two hex digits");
        }
    }

    private static Candidate presetCandidate(ImageUrls urls, String source, String name, Lifetime lifetime, boolean inSrcset) {
        Preset preset = urls.preset(name).orElse(null);
        if (preset == null) {
            List<String> known = new ArrayList<>();
            for (Preset p : urls.presets()) {
                known.add(p.name());
            }
            throw new ImageTagException("unknown preset [" + name + "]; the presets are " + known);
        }
        ResizeOptions options = preset.options();
        if (inSrcset && options.width() == 0) {
            throw new ImageTagException("preset [" + name + "] sets no width, so it has no w descriptor for a srcset;"
                    + " use presets that set a width");
        }
        return new Candidate(name, lifetime.url(urls, source, name), options);
    }

    private static Candidate flexibleCandidate(ImageUrls urls, String source, String options, Lifetime lifetime) {
        String url = lifetime.flexibleUrl(urls, source, options);
        return new Candidate(options, url, GEOMETRY.parse(options));
    }

    private static void checkDistinct(List<Candidate> candidates, boolean presets) {
        for (int i = 0; i < candidates.size(); i++) {
            for (int j = i + 1; j < candidates.size(); j++) {
                if (candidates.get(i).descriptor == candidates.get(j).descriptor) {
                    throw new ImageTagException((presets ? "presets [" : "widths [") + candidates.get(i).variant + "] and ["
                            + candidates.get(j).variant + "] are both " + candidates.get(i).descriptor
                            + " pixels wide; the entries of a srcset need different widths");
                }
            }
        }
    }

    /** The non-empty, stripped items of a comma-separated list; splits without a regex. */
    static List<String> items(String list, String attribute) {
        List<String> items = new ArrayList<>(4);
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            String item = list.substring(start, end).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            start = end + 1;
        }
        if (items.isEmpty()) {
            throw new ImageTagException(attribute + " [" + list + "] lists nothing");
        }
        return items;
    }

    private static boolean isWholeNumber(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean given(String value) {
        return value != null && !value.isEmpty();
    }

    /** One URL, its srcset descriptor and, when the output is exactly a box, the box in CSS pixels. */
    private static final class Candidate {
        final String variant;
        final String url;
        final int descriptor;
        final int boxWidth;
        final int boxHeight;
        final ResizeOptions options;

        Candidate(String variant, String url, ResizeOptions options) {
            this.variant = variant;
            this.url = url;
            this.options = options;
            this.descriptor = options.pixelWidth();
            boolean exact = options.width() > 0 && options.height() > 0
                    && (options.fit() == Fit.COVER || options.fit() == Fit.PAD);
            this.boxWidth = exact ? options.width() : 0;
            this.boxHeight = exact ? options.height() : 0;
        }
    }
}

package io.imgfilter.request;

import io.imgfilter.http.HttpProblem;
import java.util.regex.Pattern;

/**
 * Parses the part of a request path below the filter's mapping, {@code /{preset}/{source path}}
 * or {@code /{width=400,fit=cover}/{source path}}, into an {@link ImageRequest}. Everything is
 * decided on the raw path; refusals are {@link HttpProblem}s whose text says what was wrong
 * without echoing the request back.
 */
public final class ImageRequestParser {

    /** What a flexible options segment may hold; keeps error texts free of markup. */
    private static final Pattern FLEXIBLE_SYNTAX = Pattern.compile("[A-Za-z0-9=,._-]{1,256}");

    private final PresetTable presets;
    private final OptionsParser optionsParser;
    private final boolean flexibleOptions;

    public ImageRequestParser(PresetTable presets, OptionsParser optionsParser, boolean flexibleOptions) {
        this.presets = presets;
        this.optionsParser = optionsParser;
        this.flexibleOptions = flexibleOptions;
    }

    /**
     * @param rawPath the raw path below the mapping, starting with '/'
     */
    public ImageRequest parse(String rawPath) throws HttpProblem {
        if (rawPath.length() <= 1) {
            throw HttpProblem.notFound();
        }
        int slash = rawPath.indexOf('/', 1);
        if (slash < 0 || slash == rawPath.length() - 1) {
            throw HttpProblem.badRequest("malformed image path; expected /{preset}/{image path}");
        }
        String variant = rawPath.substring(1, slash);
        SourcePath source;
        try {
            source = SourcePathParser.parse(rawPath.substring(slash + 1));
        } catch (SourcePathParser.UnsafePathException e) {
            throw HttpProblem.badRequest("malformed image path");
        }
        if (variant.indexOf('=') >= 0) {
            return new ImageRequest(variant, null, flexible(variant), source);
        }
        Preset preset = presets.get(variant);
        if (preset == null) {
            throw HttpProblem.badRequest("invalid size");
        }
        return new ImageRequest(variant, preset, preset.options(), source);
    }

    private ResizeOptions flexible(String variant) throws HttpProblem {
        if (!flexibleOptions) {
            throw HttpProblem.badRequest("invalid size: flexible options are not enabled, use a preset");
        }
        if (!FLEXIBLE_SYNTAX.matcher(variant).matches()) {
            throw HttpProblem.badRequest("malformed resize options");
        }
        try {
            return optionsParser.parse(variant);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }
}

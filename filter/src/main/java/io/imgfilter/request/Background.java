package io.imgfilter.request;

import java.util.Locale;

/**
 * The colour behind transparent pixels and around a padded picture: {@code white},
 * {@code black}, {@code transparent}, or hex {@code RRGGBB} / {@code RRGGBBAA} (a leading
 * {@code #} is allowed in presets; URLs leave it out).
 *
 * @param argb the colour, alpha in the top byte
 */
public record Background(int argb) {

    public static final Background WHITE = new Background(0xFFFFFFFF);
    public static final Background TRANSPARENT = new Background(0x00FFFFFF);

    public static final String ALLOWED = "white, black, transparent or a hex colour RRGGBB or RRGGBBAA";

    public boolean isOpaque() {
        return (argb >>> 24) == 0xFF;
    }

    /** @return the colour, or null when the text is none of the allowed forms */
    public static Background parse(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        switch (value) {
            case "white":
                return WHITE;
            case "black":
                return new Background(0xFF000000);
            case "transparent":
                return TRANSPARENT;
            default:
                break;
        }
        String hex = value.startsWith("#") ? value.substring(1) : value;
        if ((hex.length() != 6 && hex.length() != 8) || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        long rgba = Long.parseLong(hex, 16);
        return hex.length() == 6 ? new Background(0xFF000000 | (int) rgba)
                : new Background((int) (((rgba & 0xFF) << 24) | (rgba >>> 8)));
    }

    /** The canonical spelling, for cache keys. */
    public String canonical() {
        return String.format(Locale.ROOT, "%08x", argb);
    }
}

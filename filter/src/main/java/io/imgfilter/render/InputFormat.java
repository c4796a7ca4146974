package io.imgfilter.render;

import io.imgfilter.request.OutputFormat;
import java.util.Locale;
import java.util.Optional;

/** The formats the filter decodes, by the name ImageIO gives them. */
enum InputFormat {
    JPEG, PNG, GIF, BMP, WEBP;

    static Optional<InputFormat> byReaderName(String formatName) {
        return switch (formatName.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> Optional.of(JPEG);
            case "png" -> Optional.of(PNG);
            case "gif" -> Optional.of(GIF);
            case "bmp" -> Optional.of(BMP);
            case "webp" -> Optional.of(WEBP);
            default -> Optional.empty();
        };
    }

    /**
     * What to write when the request leaves the format open: JPEG stays JPEG and WebP WebP (a
     * lossy photo as PNG would be many times larger), the rest PNG so alpha survives.
     */
    OutputFormat family() {
        return switch (this) {
            case JPEG -> OutputFormat.JPEG;
            case WEBP -> OutputFormat.WEBP;
            default -> OutputFormat.PNG;
        };
    }
}

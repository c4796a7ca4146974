package io.imgfilter.request;

/** Formats the filter writes. */
public enum OutputFormat {
    JPEG("jpeg", "image/jpeg", "jpg"),
    PNG("png", "image/png", "png"),
    WEBP("webp", "image/webp", "webp");

    private final String optionName;
    private final String mediaType;
    private final String extension;

    OutputFormat(String optionName, String mediaType, String extension) {
        this.optionName = optionName;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String optionName() {
        return optionName;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The accepted spellings of the {@code format} option, {@code auto} included. */
    public static String allowedNames() {
        return "auto, jpeg, png, webp";
    }

    /** True for formats that keep an alpha channel. */
    public boolean hasAlpha() {
        return this != JPEG;
    }

    /** @return the format with that option name (jpg accepted for jpeg), or null; {@code auto} is the parser's business */
    public static OutputFormat byOptionName(String name) {
        return switch (name) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            case "webp" -> WEBP;
            default -> null;
        };
    }
}

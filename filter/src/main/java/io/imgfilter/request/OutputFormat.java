package io.imgfilter.request;

/** Formats the filter writes. */
public enum OutputFormat {
    JPEG("jpeg", "image/jpeg", "jpg"),
    PNG("png", "image/png", "png");

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

    public static String allowedNames() {
        return "jpeg, png";
    }

    /** @return the format with that option name (jpg accepted for jpeg), or null */
    public static OutputFormat byOptionName(String name) {
        return switch (name) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            default -> null;
        };
    }
}

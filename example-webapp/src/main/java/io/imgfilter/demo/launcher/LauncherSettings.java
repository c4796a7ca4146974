package io.imgfilter.demo.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the demo launcher reads from its environment, checked before anything starts.
 *
 * <ul>
 *   <li>{@code PORT}: the HTTP port, 0 to 65535; 0 picks a free port. Default 8080.</li>
 *   <li>{@code IMAGE_SIGNING_KEY}: the HMAC secret for signed image URLs. When unset or blank the
 *       launcher makes a random one (see {@link DemoLauncher}).</li>
 *   <li>{@code IMAGE_ORIGINALS_DIR}: an absolute directory path or {@code file:} URI of originals to
 *       serve instead of the bundled samples. The webapp reads it itself; it is checked here only so
 *       that a typo stops the demo with a clear message instead of an empty gallery.</li>
 * </ul>
 *
 * <p>A wrong value is reported as an {@link IllegalArgumentException} whose message is meant to be
 * shown to the user as it is.
 */
record LauncherSettings(int port, Optional<String> signingKey, Optional<Path> originalsDir) {

    static final int DEFAULT_PORT = 8080;

    static LauncherSettings fromEnvironment(Map<String, String> env) {
        return new LauncherSettings(
                parsePort(env.get("PORT")),
                Optional.ofNullable(env.get("IMAGE_SIGNING_KEY")).filter(key -> !key.isBlank()),
                parseOriginalsDir(env.get("IMAGE_ORIGINALS_DIR")));
    }

    static int parsePort(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        String trimmed = value.trim();
        if (trimmed.matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(trimmed);
            if (port <= 65535) {
                return port;
            }
        }
        throw new IllegalArgumentException("PORT must be a whole number from 0 to 65535"
                + " (0 picks a free port), not \"" + value + "\"");
    }

    static Optional<Path> parseOriginalsDir(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path dir;
        try {
            dir = value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("IMAGE_ORIGINALS_DIR is neither a directory path nor a file: URI: \""
                    + value + "\"");
        }
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("IMAGE_ORIGINALS_DIR must be an absolute path, not \"" + value + "\"");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("IMAGE_ORIGINALS_DIR is not a directory: \"" + value + "\"");
        }
        return Optional.of(dir);
    }
}

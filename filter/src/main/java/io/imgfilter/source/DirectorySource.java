package io.imgfilter.source;

import io.imgfilter.request.SourcePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Originals in a directory of the file system, typically outside the webapp. A symbolic link
 * that leads out of the directory is treated as absent, so the directory is the whole world.
 */
public final class DirectorySource implements ImageSource {

    private final Path root;
    private final long maxBytes;

    /**
     * @param root an existing directory; resolved to its real path once, here
     */
    public DirectorySource(Path root, long maxBytes) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new IOException("not a directory");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<Original> fetch(SourcePath path) throws IOException {
        Path real = resolve(path);
        if (real == null) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = regularFile(real);
        if (attributes == null) {
            return Optional.empty();
        }
        if (attributes.size() > maxBytes) {
            throw new OriginalTooLargeException(maxBytes);
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(real)) {
            content = BoundedReader.readAll(in, maxBytes);
        }
        return Optional.of(new Original(content, attributes.lastModifiedTime().toInstant(), tag(attributes)));
    }

    @Override
    public Optional<SourceVersion> version(SourcePath path) throws IOException {
        Path real = resolve(path);
        BasicFileAttributes attributes = real == null ? null : regularFile(real);
        if (attributes == null) {
            return Optional.empty();
        }
        if (attributes.size() > maxBytes) {
            throw new OriginalTooLargeException(maxBytes);
        }
        return Optional.of(new SourceVersion(attributes.lastModifiedTime().toInstant(), tag(attributes)));
    }

    /** The real path below the root, or null when absent or outside the root. */
    private Path resolve(SourcePath path) throws IOException {
        Path file = root;
        for (String segment : path.segments()) {
            file = file.resolve(segment);
        }
        try {
            Path real = file.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static BasicFileAttributes regularFile(Path real) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile() ? attributes : null;
    }

    private static String tag(BasicFileAttributes attributes) {
        return Long.toHexString(attributes.lastModifiedTime().toMillis()) + "-" + Long.toHexString(attributes.size());
    }

    @Override
    public String describe() {
        return "directory " + root;
    }
}

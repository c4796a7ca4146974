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
        Path file = root;
        for (String segment : path.segments()) {
            file = file.resolve(segment);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!real.startsWith(root)) {
            return Optional.empty();
        }
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        if (attributes.size() > maxBytes) {
            throw new OriginalTooLargeException(maxBytes);
        }
        byte[] content;
        try (InputStream in = Files.newInputStream(real)) {
            content = BoundedReader.readAll(in, maxBytes);
        }
        long modified = attributes.lastModifiedTime().toMillis();
        return Optional.of(new Original(content, attributes.lastModifiedTime().toInstant(),
                Long.toHexString(modified) + "-" + Long.toHexString(content.length)));
    }

    @Override
    public String describe() {
        return "directory " + root;
    }
}

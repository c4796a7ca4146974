package io.imgfilter.cache;

import io.imgfilter.http.CacheTags;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.OutputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rendered variants kept in a directory, bounded in total size, surviving restarts. Files are
 * written under a temporary name and moved into place atomically, so a crash or a second JVM
 * sharing the directory never reads half a file. Least recently used files (by modification
 * time, touched on every read) are deleted when the total passes the bound. Another JVM's
 * files count once this one has seen them; the bound is therefore approximate when shared.
 */
public final class DiskCache {

    private static final System.Logger LOG = System.getLogger(DiskCache.class.getName());
    /**
     * Version 2 names the format instead of numbering it: a reordered enum cannot mislabel a file.
     * Version 3 starts with the original's {@link CacheTags cache tag} and the key, so that
     * {@link #purge} finds every variant of one original by reading the first bytes of each file.
     */
    private static final byte[] MAGIC = "imf3".getBytes(StandardCharsets.US_ASCII);
    /**
     * The magic, the tag's length, the key's length, the format name's length, width and height;
     * the tag, the key and the name themselves vary.
     */
    private static final int HEADER = MAGIC.length + 1 + 2 + 1 + 4 + 4;
    /** Bytes read from each file by a purge: enough for the magic, any tag and any key. */
    private static final int PURGE_READ = MAGIC.length + 1 + 255 + 2 + 0xffff;
    private static final String SUFFIX = ".img";

    private final Path directory;
    private final Path temporary;
    private final long maxBytes;
    private final Map<Path, Long> sizes = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final Object evicting = new Object();

    public DiskCache(Path directory, long maxBytes) throws IOException {
        this.directory = Files.createDirectories(directory).toRealPath();
        this.temporary = Files.createDirectories(this.directory.resolve("tmp"));
        this.maxBytes = maxBytes;
        removeStaleTemporaryFiles();
        try (Stream<Path> files = Files.walk(this.directory, 2)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(this::remember);
        }
        evictIfNeeded();
    }

    public Optional<RenderedImage> get(String key) {
        Path file = fileFor(key);
        byte[] stored;
        try {
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: cannot read cached variant " + file, e);
            return Optional.empty();
        }
        RenderedImage image = decode(stored);
        if (image == null) {
            forget(file); // not ours or damaged: it is rendered again
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only the eviction order suffers
        }
        return Optional.of(image);
    }

    public void put(String key, RenderedImage image) {
        put(key, null, image);
    }

    /**
     * @param sourcePath the decoded source path of the variant's original, which {@link #purge}
     *                   finds it by; null when unknown (then no purge finds it)
     */
    public void put(String key, String sourcePath, RenderedImage image) {
        Path file = fileFor(key);
        Path partial = temporary.resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(file.getParent());
            byte[] encoded = encode(key, sourcePath == null ? "" : CacheTags.of(sourcePath), image);
            Files.write(partial, encoded);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Long previous = sizes.put(file, (long) encoded.length);
            total.addAndGet(encoded.length - (previous == null ? 0 : previous));
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "imgfilter: cannot write cached variant " + file, e);
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort
            }
            return;
        }
        evictIfNeeded();
    }

    /** True when a variant is stored under the key (it may still turn out unreadable). */
    public boolean contains(String key) {
        return Files.isRegularFile(fileFor(key));
    }

    /**
     * Deletes every variant of one original written with its source path, by this JVM or another
     * sharing the directory: every file is opened and its first bytes read, so this takes time in
     * proportion to the number of files (it is meant for an operator, not for every request).
     *
     * @return the keys of the variants deleted
     */
    public Set<String> purge(String sourcePath) {
        byte[] tag = CacheTags.of(sourcePath).getBytes(StandardCharsets.US_ASCII);
        Set<String> removed = new HashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, 2)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the cache directory " + directory, e);
        }
        for (Path file : files) {
            byte[] start;
            try (InputStream in = Files.newInputStream(file)) {
                start = in.readNBytes(PURGE_READ);
            } catch (IOException e) {
                continue; // vanished meanwhile, or unreadable: never served either
            }
            String key = keyIfTagged(start, tag);
            if (key != null) {
                remember(file); // another JVM's file: forget() subtracts what it adds
                forget(file);
                removed.add(key);
            }
        }
        return removed;
    }

    /** Bytes held now, as far as this JVM knows. */
    public long size() {
        return total.get();
    }

    public Path directory() {
        return directory;
    }

    private Path fileFor(String key) {
        String hash = sha256(key);
        return directory.resolve(hash.substring(0, 2)).resolve(hash + SUFFIX);
    }

    private void evictIfNeeded() {
        if (total.get() <= maxBytes) {
            return;
        }
        synchronized (evicting) {
            if (total.get() <= maxBytes) {
                return;
            }
            List<Map.Entry<Path, FileTime>> byAge = new ArrayList<>();
            for (Path file : sizes.keySet()) {
                try {
                    byAge.add(Map.entry(file, Files.getLastModifiedTime(file)));
                } catch (IOException e) {
                    forget(file);
                }
            }
            byAge.sort(Map.Entry.comparingByValue());
            long target = maxBytes - maxBytes / 10; // evict a little more, so eviction stays rare
            for (Map.Entry<Path, FileTime> oldest : byAge) {
                if (total.get() <= target) {
                    break;
                }
                forget(oldest.getKey());
            }
        }
    }

    private void remember(Path file) {
        try {
            long size = Files.size(file);
            if (sizes.putIfAbsent(file, size) == null) {
                total.addAndGet(size);
            }
        } catch (IOException e) {
            // vanished meanwhile
        }
    }

    private void forget(Path file) {
        Long size = sizes.remove(file);
        if (size != null) {
            total.addAndGet(-size);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "imgfilter: cannot delete cached variant " + file, e);
        }
    }

    private void removeStaleTemporaryFiles() throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(temporary, "*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).compareTo(hourAgo) < 0) {
                    Files.deleteIfExists(part); // left by a crash; a live writer's file is younger
                }
            }
        }
    }

    private static byte[] encode(String key, String tag, RenderedImage image) {
        byte[] tagBytes = tag.getBytes(StandardCharsets.US_ASCII);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (tagBytes.length > 255 || keyBytes.length > 0xffff) {
            throw new UncheckedIOException(new IOException("a key longer than 65535 bytes"));
        }
        byte[] name = image.format().optionName().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + tagBytes.length + keyBytes.length + name.length + image.data().length);
        buffer.put(MAGIC).put((byte) tagBytes.length).put(tagBytes).putShort((short) keyBytes.length).put(keyBytes)
                .put((byte) name.length).put(name).putInt(image.width()).putInt(image.height()).put(image.data());
        return buffer.array();
    }

    /** The key of the variant whose file starts with these bytes, when it carries this tag; else null. */
    private static String keyIfTagged(byte[] start, byte[] tag) {
        ByteBuffer buffer = ByteBuffer.wrap(start);
        if (start.length < MAGIC.length + 1 + tag.length + 2) {
            return null;
        }
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        int tagLength = Byte.toUnsignedInt(buffer.get());
        if (!Arrays.equals(magic, MAGIC) || tagLength != tag.length) {
            return null;
        }
        byte[] stored = new byte[tagLength];
        buffer.get(stored);
        if (!Arrays.equals(stored, tag)) {
            return null;
        }
        int keyLength = Short.toUnsignedInt(buffer.getShort());
        if (keyLength > buffer.remaining()) {
            return null;
        }
        byte[] key = new byte[keyLength];
        buffer.get(key);
        return new String(key, StandardCharsets.UTF_8);
    }

    private static RenderedImage decode(byte[] stored) {
        if (stored.length < HEADER) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            return null;
        }
        int tagLength = Byte.toUnsignedInt(buffer.get());
        if (tagLength > buffer.remaining() - (HEADER - MAGIC.length - 1)) {
            return null;
        }
        buffer.position(buffer.position() + tagLength);
        int keyLength = Short.toUnsignedInt(buffer.getShort());
        if (keyLength > buffer.remaining() - 9) {
            return null;
        }
        buffer.position(buffer.position() + keyLength);
        int nameLength = buffer.get();
        if (nameLength < 1 || nameLength > buffer.remaining() - 8) {
            return null;
        }
        byte[] name = new byte[nameLength];
        buffer.get(name);
        OutputFormat format = OutputFormat.byOptionName(new String(name, StandardCharsets.US_ASCII));
        if (format == null) {
            return null;
        }
        int width = buffer.getInt();
        int height = buffer.getInt();
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        return new RenderedImage(data, format, width, height);
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

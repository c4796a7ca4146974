package io.imgfilter.cache;

import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.OutputFormat;
import java.io.IOException;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** Version 2 names the format instead of numbering it: a reordered enum cannot mislabel a file. */
    private static final byte[] MAGIC = "imf2".getBytes(StandardCharsets.US_ASCII);
    /** The magic, the format name's length, and width and height; the name itself varies. */
    private static final int HEADER = MAGIC.length + 1 + 4 + 4;
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
        Path file = fileFor(key);
        Path partial = temporary.resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(file.getParent());
            byte[] encoded = encode(image);
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

    private static byte[] encode(RenderedImage image) {
        byte[] name = image.format().optionName().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + name.length + image.data().length);
        buffer.put(MAGIC).put((byte) name.length).put(name).putInt(image.width()).putInt(image.height()).put(image.data());
        return buffer.array();
    }

    private static RenderedImage decode(byte[] stored) {
        if (stored.length < HEADER) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        int nameLength = buffer.get();
        if (!java.util.Arrays.equals(magic, MAGIC) || nameLength < 1 || nameLength > buffer.remaining() - 8) {
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

package io.imgfilter.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmark photos are: the directory in system property {@code bench.photos} or
 * environment variable {@code BENCH_PHOTOS}, as prepared by {@code src/bench/photos.sh}
 * ({@code 18mp-baseline.jpg}, {@code 18mp-progressive.jpg}: the same 5640x3172 photo).
 */
public final class Photos {

    private Photos() {
    }

    public static Path photo(String kind) {
        String dir = System.getProperty("bench.photos", System.getenv("BENCH_PHOTOS"));
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("set -Dbench.photos=DIR or BENCH_PHOTOS (see src/bench/photos.sh)");
        }
        Path file = Path.of(dir, "18mp-" + kind + ".jpg");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing " + file + " (run src/bench/photos.sh)");
        }
        return file;
    }
}

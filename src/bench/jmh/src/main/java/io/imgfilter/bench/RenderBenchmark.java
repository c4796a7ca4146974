package io.imgfilter.bench;

import io.imgfilter.render.ImageRenderer;
import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.Fit;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.coobird.thumbnailator.Thumbnails;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole render of an 18 MP photo (5640x3172) to 300 px wide JPEG at quality 85: imgfilter's
 * {@link ImageRenderer} (decode with shrink-on-load, orient, resize, encode) against plain
 * Thumbnailator, {@code Thumbnails.of(file).width(300)}, the naive Java way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class RenderBenchmark {

    @Param({"baseline", "progressive"})
    public String photo;

    private Path file;
    private byte[] content;
    private final ImageRenderer renderer = new ImageRenderer(50_000_000L, 85);
    private final ResizeOptions width300 = new ResizeOptions(300, 0, Fit.SCALE_DOWN, 85, OutputFormat.JPEG, 1.0);

    @Setup
    public void load() throws IOException {
        file = Photos.photo(photo);
        content = Files.readAllBytes(file);
    }

    @Benchmark
    public RenderedImage imgfilterRenderer() throws Exception {
        return renderer.render(content, width300);
    }

    @Benchmark
    public byte[] thumbnailatorNaive() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Thumbnails.of(file.toFile()).width(300).outputFormat("jpg").outputQuality(0.85f).toOutputStream(out);
        return out.toByteArray();
    }
}

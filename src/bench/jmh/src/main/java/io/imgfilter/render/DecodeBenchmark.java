package io.imgfilter.render;

import io.imgfilter.bench.Photos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
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
 * The decode stage alone, for an 18 MP JPEG headed for 300 px: the 1/8 decode from DC
 * coefficients that the renderer uses, ImageIO with every 9th pixel (the subsampling the
 * renderer used before, and still uses for smaller reductions), and a full ImageIO decode.
 * In package {@code io.imgfilter.render} to reach the package-private decoder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true", "-Xmx1g"})
public class DecodeBenchmark {

    @Param({"baseline", "progressive"})
    public String photo;

    private byte[] content;

    @Setup
    public void load() throws IOException {
        content = Files.readAllBytes(Photos.photo(photo));
    }

    @Benchmark
    public BufferedImage dcEighth() throws Exception {
        return JpegDcDecoder.decode(content, Long.MAX_VALUE);
    }

    @Benchmark
    public BufferedImage imageioSubsampled9() throws IOException {
        return imageio(9);
    }

    @Benchmark
    public BufferedImage imageioFull() throws IOException {
        return imageio(1);
    }

    private BufferedImage imageio(int subsampling) throws IOException {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = ImageIO.getImageReaders(input).next();
            try {
                reader.setInput(input, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }
}

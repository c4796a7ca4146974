package io.imgfilter.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stages after decoding, on the sizes an 18 MP photo has there: the resize of the
 * 705x397 shrunk-on-load copy to 300x169 (Thumbnailator, as the renderer does it), and the
 * JPEG encode of the 300x169 result at quality 85.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djava.awt.headless=true"})
public class StagesBenchmark {

    private BufferedImage reduced;
    private BufferedImage thumbnail;

    @Setup
    public void pictures() throws IOException {
        reduced = new BufferedImage(705, 397, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < reduced.getHeight(); y++) {
            for (int x = 0; x < reduced.getWidth(); x++) {
                int r = (int) (127 + 120 * Math.sin(x / 5.0));
                int g = (int) (127 + 120 * Math.cos(y / 7.0));
                int b = (x * 7 + y * 3) & 0xFF;
                reduced.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        thumbnail = resize();
    }

    @Benchmark
    public BufferedImage resize() throws IOException {
        return Thumbnails.of(reduced).forceSize(300, 169).asBufferedImage();
    }

    @Benchmark
    public byte[] encodeJpeg() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(thumbnail, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

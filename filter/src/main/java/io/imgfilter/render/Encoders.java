package io.imgfilter.render;

import io.imgfilter.request.OutputFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The formats the filter writes: for each, whether it can be written in this JVM, its default
 * quality and its encoder. Adding a format is one entry here and one constant in
 * {@link OutputFormat}.
 */
final class Encoders {

    /** Writes one image; {@code quality} is 1–100 and ignored by lossless formats. */
    interface Encoder {
        boolean available();

        int defaultQuality();

        byte[] encode(BufferedImage image, int quality) throws IOException;
    }

    /** WebP reaches JPEG's look at a lower nominal quality. */
    static final int DEFAULT_WEBP_QUALITY = 80;

    private final Map<OutputFormat, Encoder> encoders = new EnumMap<>(OutputFormat.class);

    Encoders(int defaultJpegQuality) {
        encoders.put(OutputFormat.JPEG, new ImageIoEncoder("jpeg", defaultJpegQuality, true));
        encoders.put(OutputFormat.PNG, new ImageIoEncoder("png", 0, false));
        encoders.put(OutputFormat.WEBP, new Encoder() {
            @Override
            public boolean available() {
                return WebpEncoder.available();
            }

            @Override
            public int defaultQuality() {
                return DEFAULT_WEBP_QUALITY;
            }

            @Override
            public byte[] encode(BufferedImage image, int quality) throws IOException {
                return WebpEncoder.encode(image, quality);
            }
        });
    }

    boolean canWrite(OutputFormat format) {
        return encoders.get(format).available();
    }

    int defaultQuality(OutputFormat format) {
        return encoders.get(format).defaultQuality();
    }

    Encoder of(OutputFormat format) {
        return encoders.get(format);
    }

    /** The JDK's own writers: always there. */
    private record ImageIoEncoder(String formatName, int defaultQuality, boolean lossy) implements Encoder {

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public byte[] encode(BufferedImage image, int quality) throws IOException {
            ImageWriter writer = ImageIO.getImageWritersByFormatName(formatName).next();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(output);
                ImageWriteParam param = writer.getDefaultWriteParam();
                if (lossy) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(quality / 100f);
                }
                if (param instanceof JPEGImageWriteParam jpeg) {
                    // Huffman tables made for this image instead of Annex K's standard ones:
                    // 2 to 4 % smaller files for well under a millisecond (jpegtran -optimize)
                    jpeg.setOptimizeHuffmanTables(true);
                }
                IIOMetadata metadata = null;
                if (param instanceof JPEGImageWriteParam && quality >= FULL_CHROMA_FROM_QUALITY) {
                    metadata = fullResolutionChroma(writer, image, param);
                }
                writer.write(null, new IIOImage(image, null, metadata), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        }
    }

    /**
     * From this quality on, JPEG chroma is kept at full resolution (4:4:4), below it halved both
     * ways (4:2:0, the JDK writer's default): libvips' rule, since at high qualities the halved
     * chroma is what the eye sees first.
     */
    static final int FULL_CHROMA_FROM_QUALITY = 90;

    /** The writer's default metadata with every component sampled 1×1, or null to keep its default. */
    private static IIOMetadata fullResolutionChroma(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            Node tree = metadata.getAsTree(format);
            NodeList components = ((Element) tree).getElementsByTagName("componentSpec");
            for (int i = 0; i < components.getLength(); i++) {
                Element component = (Element) components.item(i);
                component.setAttribute("HsamplingFactor", "1");
                component.setAttribute("VsamplingFactor", "1");
            }
            metadata.setFromTree(format, tree);
            return metadata;
        } catch (IIOInvalidTreeException | RuntimeException e) {
            return null; // another writer's metadata: its default sampling
        }
    }
}

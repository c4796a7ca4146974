package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.OutputFormat;
import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class EncodersTest {

    /** The same image with the JDK writer's standard (Annex K) Huffman tables. */
    private static byte[] standardTables(BufferedImage image, int quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void jpegsCarryHuffmanTablesMadeForThemSmallerWithTheSamePixels() throws Exception {
        BufferedImage picture = TestImages.picture(600, 400, BufferedImage.TYPE_3BYTE_BGR);
        byte[] optimised = new Encoders(85).of(OutputFormat.JPEG).encode(picture, 85);
        byte[] standard = standardTables(picture, 85);
        assertTrue(optimised.length < standard.length * 0.99,
                "optimised tables: " + optimised.length + " bytes, standard: " + standard.length);
        BufferedImage a = TestImages.decode(optimised);
        BufferedImage b = TestImages.decode(standard);
        assertArrayEquals(a.getRGB(0, 0, 600, 400, null, 0, 600), b.getRGB(0, 0, 600, 400, null, 0, 600),
                "entropy coding only: the same coefficients, the same pixels");
    }

    /** "HxV" of each component of the JPEG's frame, as ImageIO reads them. */
    private static String sampling(byte[] jpeg) throws Exception {
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageInputStream input = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            reader.setInput(input);
            org.w3c.dom.Node tree = reader.getImageMetadata(0).getAsTree("javax_imageio_jpeg_image_1.0");
            org.w3c.dom.NodeList components = ((org.w3c.dom.Element) tree).getElementsByTagName("componentSpec");
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < components.getLength(); i++) {
                org.w3c.dom.Element component = (org.w3c.dom.Element) components.item(i);
                text.append(i == 0 ? "" : " ").append(component.getAttribute("HsamplingFactor")).append('x')
                        .append(component.getAttribute("VsamplingFactor"));
            }
            return text.toString();
        } finally {
            reader.dispose();
        }
    }

    @Test
    void chromaIsHalvedBelowQuality90AndFullFromIt() throws Exception {
        BufferedImage picture = TestImages.picture(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        Encoders encoders = new Encoders(85);
        org.junit.jupiter.api.Assertions.assertEquals("2x2 1x1 1x1", sampling(encoders.of(OutputFormat.JPEG).encode(picture, 85)));
        org.junit.jupiter.api.Assertions.assertEquals("1x1 1x1 1x1", sampling(encoders.of(OutputFormat.JPEG).encode(picture, 90)));
    }
}

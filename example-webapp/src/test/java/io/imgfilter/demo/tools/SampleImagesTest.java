package io.imgfilter.demo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The committed originals are what the demo and its tests rely on. */
class SampleImagesTest {

    static final Path ORIGINALS = Path.of("src/main/webapp/WEB-INF/originals");

    @Test
    void theSetIsComplete() throws Exception {
        try (Stream<Path> files = Files.walk(ORIGINALS)) {
            assertEquals(List.of("2024/café terrace.jpg", "2024/portrait-exif-6.jpg", "badge.png",
                            "harbour-at-dawn.jpg", "lighthouse.jpg"),
                    files.filter(Files::isRegularFile)
                            .map(file -> ORIGINALS.relativize(file).toString().replace('\\', '/'))
                            .sorted()
                            .toList());
        }
    }

    @Test
    void staysSmall() throws Exception {
        try (Stream<Path> files = Files.walk(ORIGINALS)) {
            long total = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            assertTrue(total < 1_500_000, total + " bytes");
        }
    }

    @Test
    void sizesAndKinds() throws Exception {
        assertImage("harbour-at-dawn.jpg", 1600, 1067, false);
        assertImage("lighthouse.jpg", 1067, 1600, false);
        assertImage("2024/café terrace.jpg", 1600, 1067, false);
        assertImage("2024/portrait-exif-6.jpg", 1600, 1067, false);
        BufferedImage badge = assertImage("badge.png", 800, 800, true);
        assertEquals(0, badge.getRGB(0, 0) >>> 24, "transparent corner");
        assertEquals(255, badge.getRGB(400, 400) >>> 24, "opaque middle");
    }

    @Test
    void onlyTheSidewaysOneHasAnOrientation() throws Exception {
        assertEquals(6, exifOrientation(Files.readAllBytes(ORIGINALS.resolve("2024/portrait-exif-6.jpg"))));
        assertEquals(0, exifOrientation(Files.readAllBytes(ORIGINALS.resolve("lighthouse.jpg"))));
    }

    @Test
    void exifSegmentIsWellFormed() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 1, 2, (byte) 0xFF, (byte) 0xD9};
        byte[] tagged = SampleImages.withExifOrientation(jpeg, 8);

        assertEquals(8, exifOrientation(tagged));
        assertEquals(jpeg.length + 36, tagged.length);
        assertFalse(exifOrientation(jpeg) != 0);
    }

    private static BufferedImage assertImage(String name, int width, int height, boolean alpha) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(ORIGINALS.resolve(name))));
        assertEquals(width, image.getWidth(), name);
        assertEquals(height, image.getHeight(), name);
        assertEquals(alpha, image.getColorModel().hasAlpha(), name);
        return image;
    }

    /** The Orientation in a JPEG's EXIF segment, 0 when there is none. */
    static int exifOrientation(byte[] jpeg) {
        ByteBuffer in = ByteBuffer.wrap(jpeg);
        in.position(2);
        while (in.remaining() >= 4) {
            int marker = in.getShort() & 0xFFFF;
            if (marker == 0xFFDA || marker == 0xFFD9) {
                return 0;
            }
            int length = in.getShort() & 0xFFFF;
            int start = in.position();
            if (marker == 0xFFE1 && length >= 16 && jpeg[start] == 'E' && jpeg[start + 1] == 'x'
                    && jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f') {
                ByteBuffer tiff = ByteBuffer.wrap(jpeg, start + 6, length - 8).slice();
                tiff.order(tiff.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                int ifd = tiff.getInt(4);
                int entries = tiff.getShort(ifd) & 0xFFFF;
                for (int i = 0; i < entries; i++) {
                    int entry = ifd + 2 + 12 * i;
                    if ((tiff.getShort(entry) & 0xFFFF) == 0x0112) {
                        return tiff.getShort(entry + 8) & 0xFFFF;
                    }
                }
                return 0;
            }
            in.position(start + length - 2);
        }
        return 0;
    }
}

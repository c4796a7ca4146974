package io.imgfilter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * The hostile files are what they claim to be: valid where they should be (so that a test which
 * expects them refused proves a limit, not a parse error), broken where they should be.
 */
class HostileFilesTest {

    @Test
    void theScanBombIsAValidProgressiveJpegWithEveryScanItClaims() throws Exception {
        byte[] bomb = HostileFiles.scanBombJpeg(64, 40);
        assertEquals(41, occurrences(bomb, new byte[] {(byte) 0xFF, (byte) 0xDA}), "the DC scan and 40 AC scans");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bomb));
        assertEquals(64, image.getWidth());
        assertEquals(64, image.getHeight());
    }

    @Test
    void pngsDecodeToWhatTheySay() throws Exception {
        BufferedImage tall = ImageIO.read(new ByteArrayInputStream(HostileFiles.uniformGreyPng(3, 20_000, 77)));
        assertEquals(20_000, tall.getHeight());
        assertEquals(77, tall.getRaster().getSample(2, 19_999, 0));
        byte[] bomb = HostileFiles.textChunkBombPng(10_000);
        assertEquals(10_000, occurrences(bomb, "tEXt".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(bomb)).getWidth());
        byte[] ztxt = HostileFiles.compressedTextBombPng(64L << 20);
        assertTrue(ztxt.length < 200_000, "64 MB of text in " + ztxt.length + " bytes");
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(ztxt)).getWidth());
    }

    @Test
    void theSolidLosslessWebpIsValidAndTheOthersAreNot() throws Exception {
        BufferedImage solid = ImageIO.read(new ByteArrayInputStream(HostileFiles.webpSolidLossless(300, 200, 0xFF3366CC)));
        assertEquals(300, solid.getWidth());
        assertEquals(200, solid.getHeight());
        assertEquals(0x3366CC, solid.getRGB(150, 100) & 0xFFFFFF);
        assertEquals(30, HostileFiles.webpHeaderOnly(7000, 7000).length);
        assertEquals(7000, declaredWidth(HostileFiles.webpHeaderOnly(7000, 7000)));
        assertEquals(7000, declaredWidth(HostileFiles.webpGarbageLossless(7000, 7000, 64, 1)));
    }

    @Test
    void theGifDeclaresItsSizeAndHoldsNoPixels() throws Exception {
        byte[] gif = HostileFiles.gifDeclaring(65535, 65535);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(65535, reader.getWidth(0));
        }
        assertTrue(gif.length < 64);
        assertNull(assertThrows(IllegalArgumentException.class, () -> HostileFiles.scanBombJpeg(60, 1)).getCause());
    }

    private static int declaredWidth(byte[] webp) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(webp))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            return reader.getWidth(0);
        }
    }

    private static int occurrences(byte[] data, byte[] pattern) {
        int count = 0;
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}

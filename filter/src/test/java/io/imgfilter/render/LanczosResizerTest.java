package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class LanczosResizerTest {

    @Test
    void aFlatColourStaysFlat() {
        BufferedImage source = new BufferedImage(97, 61, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 61; y++) {
            for (int x = 0; x < 97; x++) {
                source.setRGB(x, y, 0x336699);
            }
        }
        for (int[] size : new int[][] {{10, 7}, {97, 61}, {200, 120}}) {
            BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            LanczosResizer.INSTANCE.resize(source, out);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    assertEquals(0x336699, out.getRGB(x, y) & 0xFFFFFF, "at " + x + "," + y + " of " + size[0] + "x" + size[1]);
                }
            }
        }
    }

    @Test
    void transparentPixelsDoNotDarkenTheEdges() {
        // white opaque on the left half, transparent black on the right
        BufferedImage source = new BufferedImage(80, 20, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                source.setRGB(x, y, 0xFFFFFFFF);
            }
        }
        BufferedImage out = new BufferedImage(20, 5, BufferedImage.TYPE_INT_ARGB);
        LanczosResizer.INSTANCE.resize(source, out);
        for (int x = 0; x < 20; x++) {
            int pixel = out.getRGB(x, 2);
            if ((pixel >>> 24) > 8) {
                assertTrue((pixel & 0xFF) > 240, "no dark fringe at x=" + x + ": " + Integer.toHexString(pixel));
            }
        }
        assertTrue((out.getRGB(2, 2) >>> 24) > 250);
        assertTrue((out.getRGB(17, 2) >>> 24) < 5);
    }
}

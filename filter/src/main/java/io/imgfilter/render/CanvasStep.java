package io.imgfilter.render;

import io.imgfilter.request.Background;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Pads the resized image onto the box's background for {@code fit=pad}, and draws transparent
 * pixels onto the background for formats without alpha (JPEG), where they would turn black.
 */
final class CanvasStep implements RenderStep {

    @Override
    public void apply(RenderContext c) {
        ResizePlan plan = c.plan;
        if (plan.pads()) {
            BufferedImage canvas = new BufferedImage(plan.canvasWidth(), plan.canvasHeight(), BufferedImage.TYPE_4BYTE_ABGR);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setComposite(AlphaComposite.Src);
                g.setColor(new Color(c.background.argb(), true));
                g.fillRect(0, 0, plan.canvasWidth(), plan.canvasHeight());
                g.setComposite(AlphaComposite.SrcOver);
                g.drawImage(c.image, (plan.canvasWidth() - plan.scaledWidth()) / 2,
                        (plan.canvasHeight() - plan.scaledHeight()) / 2, null);
            } finally {
                g.dispose();
            }
            c.image = canvas;
        }
        if (!c.outputFormat.hasAlpha()) {
            c.image = flatten(c.image, c.background.isOpaque() ? c.background : Background.WHITE);
        }
    }

    private static BufferedImage flatten(BufferedImage image, Background background) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(new Color(background.argb(), true));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}

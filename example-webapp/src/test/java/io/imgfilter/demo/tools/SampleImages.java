package io.imgfilter.demo.tools;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the demo's bundled originals (example-webapp/src/main/webapp/WEB-INF/originals). The output is
 * committed; run this again only to change the pictures:
 *
 * <pre>
 * java -Djava.awt.headless=true example-webapp/src/test/java/io/imgfilter/demo/tools/SampleImages.java \
 *      example-webapp/src/main/webapp/WEB-INF/originals
 * </pre>
 *
 * <p>What the set covers, for the demo and for tests that use it:
 * <ul>
 *   <li>{@code harbour-at-dawn.jpg}: landscape JPEG, 1600×1067;</li>
 *   <li>{@code lighthouse.jpg}: portrait JPEG, 1067×1600;</li>
 *   <li>{@code badge.png}: PNG with an alpha channel (transparent corners, a soft shadow), 800×800;</li>
 *   <li>{@code 2024/café terrace.jpg}: in a sub-folder, with a space and a non-ASCII letter in its name;</li>
 *   <li>{@code 2024/portrait-exif-6.jpg}: pixels stored 1600×1067 with EXIF Orientation 6, so it shows
 *       upright as a 1067×1600 portrait only when the orientation is applied.</li>
 * </ul>
 * Uses only the JDK, so it runs as a single source file. Drawing is seeded and so repeatable.
 */
public final class SampleImages {

    private static final float JPEG_QUALITY = 0.82f;

    private SampleImages() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "example-webapp/src/main/webapp/WEB-INF/originals");
        Files.createDirectories(out.resolve("2024"));

        writeJpeg(harbour(1600, 1067), out.resolve("harbour-at-dawn.jpg"), 0);
        writeJpeg(lighthouse(1067, 1600), out.resolve("lighthouse.jpg"), 0);
        writePng(badge(800), out.resolve("badge.png"));
        writeJpeg(cafeTerrace(1600, 1067), out.resolve("2024/café terrace.jpg"), 0);
        // Drawn upright, stored turned a quarter to the left: Orientation 6 says "turn right to view".
        writeJpeg(rotateLeft(orientationCard(1067, 1600)), out.resolve("2024/portrait-exif-6.jpg"), 6);

        try (var files = Files.walk(out)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    System.out.printf("%8d  %s%n", Files.size(file), out.relativize(file));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    // ---------------------------------------------------------------- pictures

    static BufferedImage harbour(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        int horizon = (int) (h * 0.62);

        g.setPaint(new LinearGradientPaint(0, 0, 0, horizon, new float[] {0f, 0.55f, 1f},
                new Color[] {new Color(0x2b3a67), new Color(0xd96c75), new Color(0xf6c177)}));
        g.fillRect(0, 0, w, horizon);

        float sunX = w * 0.68f;
        float sunY = horizon - h * 0.05f;
        g.setPaint(new RadialGradientPaint(new Point2D.Float(sunX, sunY), h * 0.35f, new float[] {0f, 0.25f, 1f},
                new Color[] {new Color(255, 244, 214, 255), new Color(255, 210, 150, 140), new Color(255, 190, 140, 0)}));
        g.fill(new Rectangle2D.Float(0, 0, w, horizon));
        g.setColor(new Color(0xfff4d6));
        g.fill(new Ellipse2D.Float(sunX - h * 0.07f, sunY - h * 0.07f, h * 0.14f, h * 0.14f));

        // far hills
        g.setColor(new Color(0x5a4a78));
        g.fill(hills(w, horizon, h * 0.09, 3, 11));
        g.setColor(new Color(0x3f3a63));
        g.fill(hills(w, horizon, h * 0.05, 5, 29));

        // sea with the sun's reflection
        g.setPaint(new GradientPaint(0, horizon, new Color(0x4f5d8a), 0, h, new Color(0x1c2541)));
        g.fillRect(0, horizon, w, h - horizon);
        Random random = new Random(1600);
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 90; i++) {
            float y = horizon + 8 + (float) Math.pow(random.nextDouble(), 1.6) * (h - horizon - 16);
            float spread = 40 + (y - horizon) * 0.7f;
            float x = sunX + (float) random.nextGaussian() * spread * 0.35f;
            float len = 20 + random.nextFloat() * (y - horizon) * 0.25f;
            g.setColor(new Color(255, 220, 170, 60 + random.nextInt(120)));
            g.draw(new java.awt.geom.Line2D.Float(x - len / 2, y, x + len / 2, y));
        }

        // boats
        boat(g, w * 0.18f, horizon + h * 0.12f, h * 0.10f);
        boat(g, w * 0.36f, horizon + h * 0.22f, h * 0.14f);
        boat(g, w * 0.86f, horizon + h * 0.08f, h * 0.07f);

        caption(g, "Harbour at dawn", w, h);
        g.dispose();
        return image;
    }

    static BufferedImage lighthouse(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        int ground = (int) (h * 0.78);

        g.setPaint(new LinearGradientPaint(0, 0, 0, ground, new float[] {0f, 0.7f, 1f},
                new Color[] {new Color(0x0b1026), new Color(0x1f3b73), new Color(0x3d6e9e)}));
        g.fillRect(0, 0, w, ground);

        Random random = new Random(1067);
        for (int i = 0; i < 260; i++) {
            float x = random.nextFloat() * w;
            float y = (float) Math.pow(random.nextFloat(), 1.4) * ground * 0.8f;
            float r = 1f + random.nextFloat() * 2.2f;
            g.setColor(new Color(255, 255, 240, 90 + random.nextInt(165)));
            g.fill(new Ellipse2D.Float(x - r, y - r, 2 * r, 2 * r));
        }

        float cx = w * 0.55f;
        float top = h * 0.30f;
        float lampY = top - h * 0.05f;

        // beams
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.28f));
        g.setPaint(new GradientPaint(cx, lampY, new Color(0xfff1b8), 0, lampY, new Color(255, 241, 184, 0)));
        g.fill(beam(cx, lampY, -w * 1.1f, h * 0.10f));
        g.setPaint(new GradientPaint(cx, lampY, new Color(0xfff1b8), w, lampY, new Color(255, 241, 184, 0)));
        g.fill(beam(cx, lampY, w * 0.9f, h * 0.07f));
        g.setComposite(AlphaComposite.SrcOver);

        // rocks and sea
        g.setColor(new Color(0x1b2a3a));
        g.fill(hills(w, ground, h * 0.05, 4, 7));
        g.setPaint(new GradientPaint(0, ground, new Color(0x284b63), 0, h, new Color(0x0f1c2b)));
        g.fillRect(0, ground, w, h - ground);

        // tower: tapering, with red bands
        float baseHalf = w * 0.11f;
        float topHalf = w * 0.065f;
        GeneralPath tower = new GeneralPath();
        tower.moveTo(cx - baseHalf, ground + h * 0.02f);
        tower.lineTo(cx - topHalf, top);
        tower.lineTo(cx + topHalf, top);
        tower.lineTo(cx + baseHalf, ground + h * 0.02f);
        tower.closePath();
        g.setColor(new Color(0xf2efe9));
        g.fill(tower);
        g.setClip(tower);
        g.setColor(new Color(0xc8553d));
        float band = (ground - top) / 7f;
        for (int i = 1; i < 7; i += 2) {
            g.fill(new Rectangle2D.Float(0, top + i * band, w, band));
        }
        g.setPaint(new GradientPaint(cx - baseHalf, 0, new Color(0, 0, 0, 0), cx + baseHalf, 0, new Color(0, 0, 0, 90)));
        g.fill(tower);
        g.setClip(null);

        // gallery and lamp room
        g.setColor(new Color(0x2d3142));
        g.fill(new Rectangle2D.Float(cx - topHalf * 1.45f, top - h * 0.012f, topHalf * 2.9f, h * 0.014f));
        g.setPaint(new RadialGradientPaint(new Point2D.Float(cx, lampY), h * 0.05f,
                new float[] {0f, 1f}, new Color[] {new Color(0xffffff), new Color(0xffd166)}));
        g.fill(new RoundRectangle2D.Float(cx - topHalf * 0.8f, lampY - h * 0.035f, topHalf * 1.6f, h * 0.07f, 12, 12));
        g.setColor(new Color(0x2d3142));
        GeneralPath roof = new GeneralPath();
        roof.moveTo(cx - topHalf, lampY - h * 0.035f);
        roof.lineTo(cx, lampY - h * 0.075f);
        roof.lineTo(cx + topHalf, lampY - h * 0.035f);
        roof.closePath();
        g.fill(roof);

        caption(g, "Lighthouse", w, h);
        g.dispose();
        return image;
    }

    static BufferedImage badge(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        float c = size / 2f;
        float r = size * 0.40f;

        // soft shadow: semi-transparent pixels, not just a transparent background
        for (int i = 12; i >= 1; i--) {
            g.setColor(new Color(0, 0, 0, 7));
            float s = r + i * 2.5f;
            g.fill(new Ellipse2D.Float(c - s, c - s + size * 0.03f, 2 * s, 2 * s));
        }
        g.setPaint(new LinearGradientPaint(0, c - r, 0, c + r, new float[] {0f, 1f},
                new Color[] {new Color(0x3a86ff), new Color(0x5e2bff)}));
        g.fill(new Ellipse2D.Float(c - r, c - r, 2 * r, 2 * r));
        g.setStroke(new BasicStroke(size * 0.02f));
        g.setColor(new Color(255, 255, 255, 200));
        float ring = r * 0.86f;
        g.draw(new Ellipse2D.Float(c - ring, c - ring, 2 * ring, 2 * ring));

        // a little "picture" glyph: frame, mountain, sun
        float fw = r * 0.95f;
        float fh = r * 0.68f;
        float fx = c - fw / 2;
        float fy = c - fh / 2 - r * 0.12f;
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(size * 0.018f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new RoundRectangle2D.Float(fx, fy, fw, fh, size * 0.04f, size * 0.04f));
        GeneralPath mountain = new GeneralPath();
        mountain.moveTo(fx + fw * 0.08f, fy + fh * 0.88f);
        mountain.lineTo(fx + fw * 0.40f, fy + fh * 0.40f);
        mountain.lineTo(fx + fw * 0.60f, fy + fh * 0.66f);
        mountain.lineTo(fx + fw * 0.72f, fy + fh * 0.52f);
        mountain.lineTo(fx + fw * 0.92f, fy + fh * 0.88f);
        mountain.closePath();
        g.fill(mountain);
        g.fill(new Ellipse2D.Float(fx + fw * 0.70f, fy + fh * 0.14f, fw * 0.14f, fw * 0.14f));

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size * 0.075f)));
        String text = "imgfilter";
        int tw = g.getFontMetrics().stringWidth(text);
        g.drawString(text, c - tw / 2f, c + r * 0.55f);
        g.dispose();
        return image;
    }

    static BufferedImage cafeTerrace(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);

        // night sky with big soft stars
        g.setPaint(new GradientPaint(0, 0, new Color(0x0d1b4c), 0, h * 0.6f, new Color(0x23408e)));
        g.fillRect(0, 0, w, h);
        Random random = new Random(2024);
        for (int i = 0; i < 40; i++) {
            float x = w * 0.45f + random.nextFloat() * w * 0.55f;
            float y = random.nextFloat() * h * 0.45f;
            float r = 6 + random.nextFloat() * 14;
            g.setPaint(new RadialGradientPaint(new Point2D.Float(x, y), r * 2.2f, new float[] {0f, 0.35f, 1f},
                    new Color[] {new Color(0xfffbe0), new Color(255, 236, 160, 150), new Color(255, 236, 160, 0)}));
            g.fill(new Ellipse2D.Float(x - r * 2.2f, y - r * 2.2f, r * 4.4f, r * 4.4f));
        }

        // the lit wall and awning on the left, in perspective
        GeneralPath wall = new GeneralPath();
        wall.moveTo(0, 0);
        wall.lineTo(w * 0.52f, h * 0.30f);
        wall.lineTo(w * 0.52f, h * 0.70f);
        wall.lineTo(0, h);
        wall.closePath();
        g.setPaint(new GradientPaint(0, 0, new Color(0xf4a259), w * 0.52f, 0, new Color(0xbc6c25)));
        g.fill(wall);
        GeneralPath awning = new GeneralPath();
        awning.moveTo(0, h * 0.05f);
        awning.lineTo(w * 0.52f, h * 0.32f);
        awning.lineTo(w * 0.52f, h * 0.38f);
        awning.lineTo(0, h * 0.30f);
        awning.closePath();
        g.setPaint(new GradientPaint(0, 0, new Color(0xffd23f), w * 0.52f, 0, new Color(0xe9a100)));
        g.fill(awning);

        // houses on the right
        g.setColor(new Color(0x1b2f5e));
        g.fill(new Rectangle2D.Float(w * 0.60f, h * 0.38f, w * 0.16f, h * 0.40f));
        g.fill(new Rectangle2D.Float(w * 0.78f, h * 0.30f, w * 0.22f, h * 0.48f));
        g.setColor(new Color(0xffd27a));
        for (int i = 0; i < 6; i++) {
            g.fill(new Rectangle2D.Float(w * (0.63f + (i % 2) * 0.06f), h * (0.45f + (i / 2) * 0.09f), w * 0.025f, h * 0.045f));
            g.fill(new Rectangle2D.Float(w * (0.82f + (i % 3) * 0.06f), h * (0.37f + (i / 3) * 0.12f), w * 0.025f, h * 0.05f));
        }

        // cobbled terrace floor
        GeneralPath floor = new GeneralPath();
        floor.moveTo(0, h);
        floor.lineTo(w * 0.52f, h * 0.70f);
        floor.lineTo(w, h * 0.78f);
        floor.lineTo(w, h);
        floor.closePath();
        g.setPaint(new GradientPaint(0, h * 0.7f, new Color(0x8d6a9f), 0, h, new Color(0x4a3b5c)));
        g.fill(floor);
        g.setClip(floor);
        for (int i = 0; i < 420; i++) {
            float x = random.nextFloat() * w;
            float y = h * 0.70f + random.nextFloat() * h * 0.30f;
            float s = 6 + (y - h * 0.7f) * 0.06f;
            g.setColor(new Color(255, 255, 255, 18 + random.nextInt(30)));
            g.fill(new Ellipse2D.Float(x, y, s * 1.6f, s));
        }
        g.setClip(null);

        // round tables with chairs
        table(g, w * 0.30f, h * 0.86f, h * 0.09f);
        table(g, w * 0.48f, h * 0.79f, h * 0.06f);
        table(g, w * 0.62f, h * 0.90f, h * 0.10f);

        caption(g, "Café terrace, 2024", w, h);
        g.dispose();
        return image;
    }

    /** Upright content for the EXIF test image: an arrow and words that say which way is up. */
    static BufferedImage orientationCard(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, new Color(0x06d6a0), 0, h, new Color(0x118ab2)));
        g.fillRect(0, 0, w, h);

        float cx = w / 2f;
        GeneralPath arrow = new GeneralPath();
        arrow.moveTo(cx, h * 0.12f);
        arrow.lineTo(cx + w * 0.28f, h * 0.36f);
        arrow.lineTo(cx + w * 0.10f, h * 0.36f);
        arrow.lineTo(cx + w * 0.10f, h * 0.62f);
        arrow.lineTo(cx - w * 0.10f, h * 0.62f);
        arrow.lineTo(cx - w * 0.10f, h * 0.36f);
        arrow.lineTo(cx - w * 0.28f, h * 0.36f);
        arrow.closePath();
        g.setColor(new Color(255, 255, 255, 235));
        g.fill(arrow);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(w * 0.09f)));
        centred(g, "THIS WAY UP", cx, h * 0.74f);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(w * 0.045f)));
        centred(g, "EXIF Orientation 6", cx, h * 0.82f);
        centred(g, "stored 1600 × 1067, shown 1067 × 1600", cx, h * 0.87f);
        g.dispose();
        return image;
    }

    // ---------------------------------------------------------------- pieces

    private static GeneralPath hills(int w, int baseline, double amplitude, int waves, long seed) {
        Random random = new Random(seed);
        double phase = random.nextDouble() * Math.PI * 2;
        GeneralPath path = new GeneralPath();
        path.moveTo(0, baseline);
        for (int x = 0; x <= w; x += 8) {
            double t = x / (double) w;
            double y = baseline - amplitude * (0.55 + 0.45 * Math.sin(t * Math.PI * waves + phase))
                    * (0.7 + 0.3 * Math.sin(t * Math.PI * waves * 2.7 + phase * 2));
            path.lineTo(x, (float) y);
        }
        path.lineTo(w, baseline);
        path.closePath();
        return path;
    }

    private static void boat(Graphics2D g, float x, float waterline, float size) {
        g.setColor(new Color(0x141a2e));
        GeneralPath hull = new GeneralPath();
        hull.moveTo(x - size * 0.6f, waterline - size * 0.12f);
        hull.lineTo(x + size * 0.6f, waterline - size * 0.12f);
        hull.lineTo(x + size * 0.42f, waterline);
        hull.lineTo(x - size * 0.42f, waterline);
        hull.closePath();
        g.fill(hull);
        g.fill(new Rectangle2D.Float(x - size * 0.015f, waterline - size * 0.95f, size * 0.03f, size * 0.85f));
        GeneralPath sail = new GeneralPath();
        sail.moveTo(x + size * 0.03f, waterline - size * 0.9f);
        sail.lineTo(x + size * 0.45f, waterline - size * 0.18f);
        sail.lineTo(x + size * 0.03f, waterline - size * 0.18f);
        sail.closePath();
        g.setColor(new Color(0x2a2f4f));
        g.fill(sail);
    }

    private static GeneralPath beam(float x, float y, float reach, float halfWidth) {
        GeneralPath beam = new GeneralPath();
        beam.moveTo(x, y);
        beam.lineTo(x + reach, y - halfWidth);
        beam.lineTo(x + reach, y + halfWidth);
        beam.closePath();
        return beam;
    }

    private static void table(Graphics2D g, float x, float y, float size) {
        g.setColor(new Color(0x3a2e39));
        g.fill(new Rectangle2D.Float(x - size * 0.05f, y - size * 0.55f, size * 0.10f, size * 0.55f));
        g.setColor(new Color(0xf1e3c8));
        g.fill(new Ellipse2D.Float(x - size * 0.6f, y - size * 0.7f, size * 1.2f, size * 0.3f));
        g.setColor(new Color(0x2d3a3a));
        g.setStroke(new BasicStroke(Math.max(2f, size * 0.05f)));
        for (int side = -1; side <= 1; side += 2) {
            float cx = x + side * size * 0.85f;
            g.draw(new java.awt.geom.Line2D.Float(cx, y - size * 0.8f, cx, y));
            g.draw(new java.awt.geom.Line2D.Float(cx, y - size * 0.35f, cx - side * size * 0.3f, y - size * 0.35f));
            g.draw(new java.awt.geom.Line2D.Float(cx - side * size * 0.3f, y - size * 0.35f, cx - side * size * 0.3f, y));
        }
    }

    private static void caption(Graphics2D g, String text, int w, int h) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(Math.min(w, h) * 0.045f)));
        float x = w * 0.04f;
        float y = h - h * 0.045f;
        g.setColor(new Color(0, 0, 0, 110));
        g.drawString(text, x + 2, y + 2);
        g.setColor(new Color(255, 255, 255, 230));
        g.drawString(text, x, y);
    }

    private static void centred(Graphics2D g, String text, float cx, float baseline) {
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, cx - width / 2f, baseline);
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** A quarter turn counter-clockwise: what a camera held on its side stores. */
    static BufferedImage rotateLeft(BufferedImage upright) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stored.setRGB(y, w - 1 - x, upright.getRGB(x, y));
            }
        }
        return stored;
    }

    // ---------------------------------------------------------------- files

    private static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static void writeJpeg(BufferedImage image, Path file, int exifOrientation) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        if (exifOrientation != 0) {
            jpeg = withExifOrientation(jpeg, exifOrientation);
        }
        Files.write(file, jpeg);
    }

    /**
     * Inserts a minimal EXIF APP1 segment (one IFD0 entry: Orientation) after the JFIF APP0 segment
     * that ImageIO writes right after SOI.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        byte[] tiff = {
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,        // big-endian TIFF header, IFD0 at offset 8
            0, 1,                               // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,       // tag 0x0112 Orientation, SHORT, count 1
            0, (byte) orientation, 0, 0,        // the value, left-justified
            0, 0, 0, 0,                         // no next IFD
        };
        int length = tiff.length + 2;
        byte[] out = new byte[jpeg.length + 4 + tiff.length];
        System.arraycopy(jpeg, 0, out, 0, insertAt);
        out[insertAt] = (byte) 0xFF;
        out[insertAt + 1] = (byte) 0xE1;
        out[insertAt + 2] = (byte) (length >> 8);
        out[insertAt + 3] = (byte) length;
        System.arraycopy(tiff, 0, out, insertAt + 4, tiff.length);
        System.arraycopy(jpeg, insertAt, out, insertAt + 4 + tiff.length, jpeg.length - insertAt);
        return out;
    }
}

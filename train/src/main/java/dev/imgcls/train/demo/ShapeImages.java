package dev.imgcls.train.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Procedurally drawn pictures of simple shapes, one class per shape, for the demo and tests: a
 * random background, some clutter, and one shape of random colour, size, rotation and (near the
 * middle) position.
 * Only the outline tells the classes apart, so a model has to learn shapes, not colours.
 */
public final class ShapeImages {
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("circle", "square", "triangle", "cross", "ring");

    private ShapeImages() {
    }

    /** One picture of class {@code label} (an index into {@link #CLASSES}), {@code size}×{@code size} pixels. */
    public static BufferedImage draw(int label, int size, SplittableRandom random) {
        if (label < 0 || label >= CLASSES.size()) {
            throw new IllegalArgumentException("label must be in [0, " + CLASSES.size() + "), got " + label);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(randomColor(random, 0, 110));
            g.fillRect(0, 0, size, size);
            drawClutter(g, size, random);
            // Near the middle and at most half the picture across: the reference evaluation
            // preprocessing keeps only a central crop of image_size / (image_size + 32) of the
            // picture (half of it at image_size 32), which must still show the whole shape.
            double extent = size * (0.3 + 0.2 * random.nextDouble());
            double cx = size / 2.0 + (random.nextDouble() - 0.5) * size * 0.1;
            double cy = size / 2.0 + (random.nextDouble() - 0.5) * size * 0.1;
            g.setColor(randomColor(random, 140, 256));
            AffineTransform saved = g.getTransform();
            g.translate(cx, cy);
            g.rotate(random.nextDouble() * Math.PI * 2);
            drawShape(g, label, extent / 2);
            g.setTransform(saved);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawShape(Graphics2D g, int label, double r) {
        int ri = (int) Math.round(r);
        switch (label) {
            case 0 -> g.fillOval(-ri, -ri, 2 * ri, 2 * ri);
            case 1 -> {
                int s = (int) Math.round(r * 0.8);
                g.fillRect(-s, -s, 2 * s, 2 * s);
            }
            case 2 -> {
                Polygon p = new Polygon();
                for (int i = 0; i < 3; i++) {
                    double a = -Math.PI / 2 + i * 2 * Math.PI / 3;
                    p.addPoint((int) Math.round(r * Math.cos(a)), (int) Math.round(r * Math.sin(a)));
                }
                g.fillPolygon(p);
            }
            case 3 -> {
                int w = Math.max(2, (int) Math.round(r * 0.35));
                g.fillRect(-ri, -w / 2, 2 * ri, w);
                g.fillRect(-w / 2, -ri, w, 2 * ri);
            }
            case 4 -> {
                float w = (float) Math.max(2, r * 0.3);
                g.setStroke(new BasicStroke(w));
                int rr = (int) Math.round(r - w / 2);
                g.drawOval(-rr, -rr, 2 * rr, 2 * rr);
            }
            default -> throw new IllegalStateException("no shape for label " + label);
        }
    }

    /** A few faint lines, so the background is not a flat colour. */
    private static void drawClutter(Graphics2D g, int size, SplittableRandom random) {
        g.setStroke(new BasicStroke(1f));
        int lines = random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            g.setColor(randomColor(random, 40, 130));
            g.drawLine(random.nextInt(size), random.nextInt(size), random.nextInt(size), random.nextInt(size));
        }
    }

    private static Color randomColor(SplittableRandom random, int lo, int hi) {
        return new Color(random.nextInt(lo, hi), random.nextInt(lo, hi), random.nextInt(lo, hi));
    }
}

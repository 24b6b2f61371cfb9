package dev.imgcls.train.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Procedurally drawn pictures for the demo and tests, one class per kind of pattern, each of
 * random colours, scale and phase. Patterns cover the whole picture, so every crop the reference
 * training preprocessing takes (8 % to 100 % of the area, flipped left-right) and the central crop
 * of its evaluation still show the class; left-right flips map every class onto itself (the
 * diagonal class has both directions).
 */
public final class PatternImages {
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("horizontal-stripes", "vertical-stripes", "checks", "dots", "diagonal-stripes");

    private PatternImages() {
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
            Color background = randomColor(random);
            Color foreground = contrasting(background, random);
            g.setColor(background);
            g.fillRect(0, 0, size, size);
            g.setColor(foreground);
            double period = size * (0.12 + 0.16 * random.nextDouble());
            double width = period * (0.35 + 0.3 * random.nextDouble());
            double phase = random.nextDouble() * period;
            switch (label) {
                case 0 -> stripes(g, size, period, width, phase, false);
                case 1 -> stripes(g, size, period, width, phase, true);
                case 2 -> checks(g, size, period, phase);
                case 3 -> dots(g, size, period, width, phase);
                case 4 -> diagonals(g, size, period, width, phase, random.nextBoolean());
                default -> throw new IllegalStateException("no pattern for label " + label);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void stripes(Graphics2D g, int size, double period, double width, double phase, boolean vertical) {
        for (double p = phase - period; p < size; p += period) {
            if (vertical) {
                g.fill(new java.awt.geom.Rectangle2D.Double(p, 0, width, size));
            } else {
                g.fill(new java.awt.geom.Rectangle2D.Double(0, p, size, width));
            }
        }
    }

    private static void checks(Graphics2D g, int size, double period, double phase) {
        double cell = period / 2;
        int row = 0;
        for (double y = phase - period; y < size; y += cell, row++) {
            int col = 0;
            for (double x = phase - period; x < size; x += cell, col++) {
                if ((row + col) % 2 == 0) {
                    g.fill(new java.awt.geom.Rectangle2D.Double(x, y, cell, cell));
                }
            }
        }
    }

    private static void dots(Graphics2D g, int size, double period, double diameter, double phase) {
        for (double y = phase - period; y < size; y += period) {
            for (double x = phase - period; x < size; x += period) {
                g.fill(new Ellipse2D.Double(x, y, diameter, diameter));
            }
        }
    }

    private static void diagonals(Graphics2D g, int size, double period, double width, double phase, boolean rising) {
        for (double p = phase - size - period; p < size; p += period) {
            Path2D.Double band = new Path2D.Double();
            band.moveTo(p, 0);
            band.lineTo(p + width, 0);
            band.lineTo(p + width + size, size);
            band.lineTo(p + size, size);
            band.closePath();
            if (rising) {
                band.transform(new java.awt.geom.AffineTransform(-1, 0, 0, 1, size, 0));
            }
            g.fill(band);
        }
    }

    private static Color randomColor(SplittableRandom random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** A colour clearly apart from {@code other} in brightness, so the pattern is visible. */
    private static Color contrasting(Color other, SplittableRandom random) {
        while (true) {
            Color c = randomColor(random);
            if (Math.abs(luma(c) - luma(other)) > 60) {
                return c;
            }
        }
    }

    private static double luma(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }
}

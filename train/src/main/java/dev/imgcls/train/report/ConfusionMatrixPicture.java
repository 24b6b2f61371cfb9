package dev.imgcls.train.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code confusion_matrix.png}: the confusion matrix as a heat map (rows the actual class, columns
 * the predicted one), white for 0 to dark blue for the largest count, with a colour bar in counts.
 * The scale is the square root of the count, so a handful of confusions still shows beside a
 * diagonal of thousands. Class names label the axes up to {@value #LABELS_UP_TO} classes, and the
 * counts are written in the cells when they fit. Drawn headless with java.awt; where the runtime
 * has no usable fonts the picture is drawn without text rather than not at all.
 */
public final class ConfusionMatrixPicture {
    static final int LABELS_UP_TO = 50;
    private static final int MAX_NAME_CHARS = 24;
    private static final int PAD = 12;
    private static final int BAR_WIDTH = 18;
    /** Colour stops from 0 to the largest count: white through light blue to dark blue, darker at every step. */
    private static final int[][] STOPS = {{255, 255, 255}, {198, 219, 239}, {107, 174, 214}, {33, 113, 181}, {8, 48, 107}};

    private final EvaluationReport report;
    private final int classes;
    private final int cell;
    private final boolean labels;
    private final Font font;
    private final Font cellFont;
    private int left;
    private int top;
    private int width;
    private int height;

    private ConfusionMatrixPicture(EvaluationReport report) {
        this.report = report;
        this.classes = report.confusion().classes();
        this.labels = classes <= LABELS_UP_TO;
        this.cell = labels ? Math.max(14, Math.min(64, 720 / classes)) : Math.max(1, 1000 / classes);
        this.font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        this.cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(14, cell * 2 / 5)));
    }

    /** The picture laid out (not yet drawn) for {@code report}. */
    public static ConfusionMatrixPicture of(EvaluationReport report) {
        ConfusionMatrixPicture p = new ConfusionMatrixPicture(report);
        p.layOut();
        return p;
    }

    /** The PNG bytes of the picture. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(draw(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail
        }
        return out.toByteArray();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Where the cell of (actual, predicted) is in the picture. */
    public Rectangle cellBounds(int actual, int predicted) {
        return new Rectangle(left + predicted * cell, top + actual * cell, cell, cell);
    }

    /** The colour of a count on a scale up to {@code max}: 0 white, {@code max} the darkest, darker as the count grows. */
    static Color colour(long count, long max) {
        return count <= 0 || max <= 0 ? shade(0) : shade(Math.sqrt(Math.min(1.0, (double) count / max)));
    }

    /** The colour at {@code t} in [0, 1] along the stops. */
    private static Color shade(double t) {
        double x = t * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) x);
        double f = x - i;
        int[] a = STOPS[i];
        int[] b = STOPS[i + 1];
        return new Color(mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private void layOut() {
        int matrix = classes * cell;
        FontMetrics fm = metrics(font);
        int textHeight = fm == null ? 0 : fm.getHeight();
        int nameWidth = 0;
        if (labels && fm != null) {
            for (int c = 0; c < classes; c++) {
                nameWidth = Math.max(nameWidth, fm.stringWidth(shortName(c)));
            }
        }
        int tickWidth = fm == null ? 0 : fm.stringWidth(Long.toString(report.confusion().maxCount()));
        left = PAD + textHeight + PAD / 2 + nameWidth + PAD / 2;
        top = PAD + 2 * textHeight + PAD;
        width = left + matrix + PAD * 2 + BAR_WIDTH + 6 + tickWidth + PAD;
        height = top + matrix + PAD / 2 + nameWidth + PAD / 2 + textHeight + PAD;
        width = Math.max(width, fm == null ? 0 : PAD * 2 + fm.stringWidth(title()));
    }

    private BufferedImage draw() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            ConfusionMatrix m = report.confusion();
            long max = m.maxCount();
            for (int a = 0; a < classes; a++) {
                for (int p = 0; p < classes; p++) {
                    g.setColor(colour(m.count(a, p), max));
                    Rectangle r = cellBounds(a, p);
                    g.fillRect(r.x, r.y, r.width, r.height);
                }
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(left - 1, top - 1, classes * cell + 1, classes * cell + 1);
            drawBar(g);
            if (metrics(font) != null) {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                drawText(g, max);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawBar(Graphics2D g) {
        int x = left + classes * cell + PAD * 2;
        int h = classes * cell;
        for (int y = 0; y < h; y++) {
            // Top = the largest count; the ticks say which count each height stands for.
            g.setColor(shade(1 - (double) y / Math.max(1, h - 1)));
            g.drawLine(x, top + y, x + BAR_WIDTH - 1, top + y);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x - 1, top - 1, BAR_WIDTH + 1, h + 1);
    }

    private void drawText(Graphics2D g, long max) {
        FontMetrics fm = g.getFontMetrics(font);
        g.setFont(font);
        g.setColor(Color.BLACK);
        g.drawString(title(), PAD, PAD + fm.getAscent());
        int matrix = classes * cell;
        String xTitle = "predicted class";
        g.drawString(xTitle, left + (matrix - fm.stringWidth(xTitle)) / 2, height - PAD - fm.getDescent());
        AffineTransform plain = g.getTransform();
        String yTitle = "actual class";
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -(top + (matrix + fm.stringWidth(yTitle)) / 2), PAD + fm.getAscent());
        g.setTransform(plain);
        if (labels) {
            for (int c = 0; c < classes; c++) {
                String name = shortName(c);
                int mid = c * cell + cell / 2;
                g.drawString(name, left - PAD / 2 - fm.stringWidth(name), top + mid + (fm.getAscent() - fm.getDescent()) / 2);
                g.rotate(-Math.PI / 2);
                g.drawString(name, -(top + matrix + PAD / 2 + fm.stringWidth(name)), left + mid + (fm.getAscent() - fm.getDescent()) / 2);
                g.setTransform(plain);
            }
            drawCounts(g, max);
        }
        int barX = left + matrix + PAD * 2 + BAR_WIDTH + 6;
        for (long v : ticks(max)) {
            double t = max == 0 ? 0 : Math.sqrt((double) v / max);
            int y = top + (int) Math.round((1 - t) * (matrix - 1));
            g.setColor(Color.GRAY);
            g.drawLine(barX - 6, y, barX - 3, y);
            g.setColor(Color.BLACK);
            g.drawString(Long.toString(v), barX, y + (fm.getAscent() - fm.getDescent()) / 2);
        }
    }

    /** Round counts for the colour bar: 0, multiples of 1, 2 or 5 × 10^k (at most 5 of them), and the largest count on top. */
    static List<Long> ticks(long max) {
        List<Long> ticks = new ArrayList<>(List.of(0L));
        if (max <= 0) {
            return ticks;
        }
        long step = 1;
        while (max / step > 5) {
            long unit = step; // a power of 10: try 2, 5 and 10 times it
            if (max / (2 * unit) <= 5) {
                step = 2 * unit;
            } else if (max / (5 * unit) <= 5) {
                step = 5 * unit;
            } else {
                step = 10 * unit;
            }
        }
        for (long v = step; v <= max; v += step) {
            if (max - v >= step || v == max) { // not so near the largest that their labels would overlap
                ticks.add(v);
            }
        }
        if (ticks.get(ticks.size() - 1) != max) {
            ticks.add(max);
        }
        return ticks;
    }

    /** The counts in the cells, where the largest fits; white on the dark cells. */
    private void drawCounts(Graphics2D g, long max) {
        FontMetrics fm = g.getFontMetrics(cellFont);
        if (fm.stringWidth(Long.toString(max)) > cell - 4 || fm.getAscent() > cell - 2) {
            return;
        }
        g.setFont(cellFont);
        ConfusionMatrix m = report.confusion();
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                long count = m.count(a, p);
                if (count == 0) {
                    continue;
                }
                Color c = colour(count, max);
                boolean dark = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() < 140;
                g.setColor(dark ? Color.WHITE : Color.BLACK);
                Rectangle r = cellBounds(a, p);
                String s = Long.toString(count);
                g.drawString(s, r.x + (cell - fm.stringWidth(s)) / 2, r.y + (cell + fm.getAscent() - fm.getDescent()) / 2);
            }
        }
    }

    private String title() {
        ConfusionMatrix m = report.confusion();
        return String.format(java.util.Locale.ROOT, "Confusion matrix, %s: %d images, top-1 %.4f", report.stepText(), m.total(), report.top1());
    }

    private String shortName(int c) {
        String name = report.names().name(c);
        return name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS - 1) + "\u2026";
    }

    /** The font's metrics, or {@code null} where the runtime cannot render text (no fonts installed). */
    private static FontMetrics metrics(Font f) {
        try {
            Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            try {
                FontMetrics fm = g.getFontMetrics(f);
                fm.stringWidth("0");
                return fm;
            } finally {
                g.dispose();
            }
        } catch (RuntimeException | LinkageError | InternalError e) {
            return null;
        }
    }
}

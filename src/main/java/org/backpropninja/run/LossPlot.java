package org.backpropninja.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * loss.png: log10 of the minibatch loss, averaged per bucket of steps (1,000 for runs of 200,000
 * steps or more, as the notebook's plot of {@code lossi.view(-1, 1000).mean(1)}; shorter runs get
 * shorter buckets, see {@link #bucketFor}), with axes, ticks and labels. Drawn with the JDK's own
 * imaging (java.awt, headless).
 */
public final class LossPlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LossPlot() {
    }

    /** The notebook's bucket, and the most steps a bucket ever averages. */
    public static final int MAX_BUCKET = 1000;
    /** The number of points a run of any length gets, at least (up to the number of steps). */
    public static final int POINTS = 200;

    /**
     * The bucket for a run of {@code steps} steps: {@code steps / 200} clamped to [1, 1000], so the
     * notebook's 200,000 steps keep its buckets of 1,000, and a shorter run is still drawn with 200
     * points (or one per step) rather than a dot or two.
     */
    public static int bucketFor(long steps) {
        return (int) Math.max(1, Math.min(MAX_BUCKET, steps / POINTS));
    }

    /** Mean of each consecutive bucket of {@code size} values; a shorter last bucket is averaged too. */
    public static double[] bucketMeans(double[] values, int size) {
        int n = (values.length + size - 1) / size;
        double[] out = new double[n];
        for (int b = 0; b < n; b++) {
            int from = b * size;
            int to = Math.min(values.length, from + size);
            double s = 0;
            for (int i = from; i < to; i++) {
                s += values[i];
            }
            out[b] = s / (to - from);
        }
        return out;
    }

    /** Renders the plot of per-step log10 losses, averaged per bucket of steps. */
    public static BufferedImage render(double[] log10Loss, int bucket) {
        System.setProperty("java.awt.headless", "true");
        double[] y = bucketMeans(log10Loss, bucket);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            lo -= 0.05;
            hi += 0.05;
        }
        double pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int steps = log10Loss.length;

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        // y ticks
        double yStep = niceStep((hi - lo) / 6);
        g.setStroke(new BasicStroke(1f));
        for (double t = Math.ceil(lo / yStep) * yStep; t <= hi; t += yStep) {
            int py = TOP + (int) Math.round((hi - t) / (hi - lo) * plotH);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, py, LEFT + plotW, py);
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String label = String.format(Locale.ROOT, "%.2f", t);
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        // x ticks, in steps
        double xStep = niceStep(steps / 6.0);
        for (double t = 0; t <= steps; t += xStep) {
            int px = LEFT + (int) Math.round(t / steps * plotW);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, TOP, px, TOP + plotH);
            g.setColor(Color.BLACK);
            g.drawLine(px, TOP + plotH, px, TOP + plotH + 5);
            String label = String.format(Locale.ROOT, "%,d", (long) t);
            g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + 8 + fm.getAscent());
        }
        // axes
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        // curve: bucket b is drawn at the middle of its steps
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2f));
        Path2D.Double path = new Path2D.Double();
        for (int b = 0; b < y.length; b++) {
            double mid = Math.min(steps, b * (double) bucket + bucket / 2.0);
            double px = LEFT + mid / steps * plotW;
            double py = TOP + (hi - y[b]) / (hi - lo) * plotH;
            if (b == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        if (y.length == 1) {
            path.lineTo(LEFT + plotW, TOP + (hi - y[0]) / (hi - lo) * plotH);
        }
        g.draw(path);
        // labels
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        String title = String.format(Locale.ROOT, "training loss: log10 of the minibatch loss, mean per %,d steps",
                bucket);
        g.drawString(title, LEFT + (plotW - g.getFontMetrics().stringWidth(title)) / 2, TOP - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        String xLabel = "step";
        g.drawString(xLabel, LEFT + (plotW - g.getFontMetrics().stringWidth(xLabel)) / 2, HEIGHT - 18);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        String yLabel = "log10(loss)";
        g.drawString(yLabel, -(TOP + (plotH + g.getFontMetrics().stringWidth(yLabel)) / 2), 22);
        g.setTransform(saved);
        g.dispose();
        return img;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The PNG file's bytes, encoded in memory (so that writing them is one plain file write). */
    public static byte[] png(double[] log10Loss, int bucket) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(render(log10Loss, bucket), "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the PNG to {@code target}. */
    public static void write(double[] log10Loss, int bucket, Path target) throws IOException {
        Files.write(target, png(log10Loss, bucket));
    }
}

package org.backpropninja.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {

    @Test
    void bucketMeansAverageEachBucketIncludingAShortLastOne() {
        assertArrayEquals(new double[] {1.5, 3.5, 5.0}, LossPlot.bucketMeans(new double[] {1, 2, 3, 4, 5}, 2));
    }

    @Test
    void writesAReadablePngWithACurve(@TempDir Path dir) throws IOException {
        double[] v = new double[5000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.log10(2 + Math.exp(-i / 500.0));
        }
        Path f = dir.resolve("loss.png");
        LossPlot.write(v, 1000, f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(LossPlot.WIDTH, img.getWidth());
        assertEquals(LossPlot.HEIGHT, img.getHeight());
        int colored = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int blue = rgb & 0xff;
                if (blue > 150 && red < 100) {
                    colored++;
                }
            }
        }
        assertTrue(colored > 200, "the curve is drawn (" + colored + " curve-coloured pixels)");
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(50000, LossPlot.niceStep(33333), 0);
        assertEquals(0.02, LossPlot.niceStep(0.013), 1e-15);
        assertEquals(1, LossPlot.niceStep(0), 0);
    }

    /**
     * The notebook's buckets of 1,000 steps for its 200,000-step run; a shorter run keeps at least
     * 200 points (or one per step), where buckets of 1,000 made a 1,000-step run one dot.
     */
    @Test
    void theBucketFollowsTheRunLength() {
        assertEquals(1000, LossPlot.bucketFor(200_000));
        assertEquals(1000, LossPlot.bucketFor(100_000_000));
        assertEquals(500, LossPlot.bucketFor(100_000));
        assertEquals(5, LossPlot.bucketFor(1_000));
        assertEquals(1, LossPlot.bucketFor(300));
        assertEquals(1, LossPlot.bucketFor(1));
        for (long steps : new long[] {1, 7, 199, 200, 1_000, 3_333, 150_000, 199_999}) {
            int points = LossPlot.bucketMeans(new double[(int) steps], LossPlot.bucketFor(steps)).length;
            assertTrue(points >= Math.min(steps, LossPlot.POINTS), steps + " steps give " + points + " points");
        }
    }
}

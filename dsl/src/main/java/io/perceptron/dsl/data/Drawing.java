package io.perceptron.dsl.data;

import java.util.Random;

/**
 * One small grayscale picture being drawn: a noisy background and dogs or cones placed on it at
 * a random position, size, tilt and brightness. Shapes are described in their own coordinates
 * (about -1 to 1, v pointing up) and sampled four times per pixel, which smooths the edges
 * without any graphics library (so the pixels are the same on every machine).
 */
final class Drawing {

    /** What can be drawn. */
    enum Shape { DOG, CONE }

    /** The largest tilt either way, in radians (20 degrees): cones and dogs stay upright-ish. */
    private static final double MAX_TILT = Math.toRadians(20);
    /** Standard deviation of the per-pixel sensor noise added when the picture is finished. */
    private static final double PIXEL_NOISE = 0.04;
    /** Samples per pixel along each axis (2 x 2 = 4 samples). */
    private static final int SUPERSAMPLING = 2;

    private final int size;
    private final Random random;
    private final double[] pixels;

    Drawing(int size, Random random) {
        this.size = size;
        this.random = random;
        this.pixels = new double[size * size];
    }

    /** A dark background with a gentle brightness slope in a random direction. */
    void background() {
        // Backgrounds stay at or below 0.35 and objects at or above 0.5 (ears 0.35), so an
        // object always stands out, however dark the dog or bright the background.
        double base = 0.05 + 0.25 * random.nextDouble();
        double gx = (random.nextDouble() - 0.5) * 0.1;
        double gy = (random.nextDouble() - 0.5) * 0.1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = base + gx * (x / (double) size - 0.5) + gy * (y / (double) size - 0.5);
            }
        }
    }

    /**
     * Draws {@code shape} about {@code 2 * scale} pixels tall, centred at a random point whose x
     * lies between {@code xMin} and {@code xMax} and far enough from the edges to stay visible.
     */
    void place(Shape shape, double scale, double xMin, double xMax) {
        double margin = 0.8 * scale;
        double cx = between(xMin + margin, xMax - margin);
        double cy = between(margin, size - margin);
        double tilt = (2 * random.nextDouble() - 1) * MAX_TILT;
        boolean mirrored = random.nextBoolean();
        double brightness = 0.5 + 0.45 * random.nextDouble();
        place(shape, scale, cx, cy, tilt, mirrored, brightness);
    }

    /**
     * Draws {@code shape} about {@code 2 * scale} pixels tall, centred at pixel ({@code cx},
     * {@code cy}), turned by {@code tilt} radians, facing left when {@code mirrored}, with the given
     * brightness (0.5 to 0.95 keeps it apart from the background).
     */
    void place(Shape shape, double scale, double cx, double cy, double tilt, boolean mirrored, double brightness) {
        double cos = Math.cos(tilt);
        double sin = Math.sin(tilt);
        double step = 1.0 / SUPERSAMPLING;
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                double sum = 0;
                int inside = 0;
                for (int sy = 0; sy < SUPERSAMPLING; sy++) {
                    for (int sx = 0; sx < SUPERSAMPLING; sx++) {
                        double dx = (px + step * (sx + 0.5) - cx) / scale;
                        double dy = -(py + step * (sy + 0.5) - cy) / scale;
                        double u = cos * dx + sin * dy;
                        double v = -sin * dx + cos * dy;
                        double value = shape == Shape.DOG ? dog(mirrored ? -u : u, v, brightness) : cone(u, v, brightness);
                        if (!Double.isNaN(value)) {
                            sum += value;
                            inside++;
                        }
                    }
                }
                if (inside > 0) {
                    double coverage = inside / (double) (SUPERSAMPLING * SUPERSAMPLING);
                    int i = py * size + px;
                    pixels[i] = (1 - coverage) * pixels[i] + sum / (SUPERSAMPLING * SUPERSAMPLING);
                }
            }
        }
    }

    /** Adds sensor noise, clamps to 0..1 and writes the pixels row by row into {@code out}. */
    void copyInto(float[] out, int offset) {
        for (int i = 0; i < pixels.length; i++) {
            double value = pixels[i] + PIXEL_NOISE * random.nextGaussian();
            out[offset + i] = (float) Math.max(0, Math.min(1, value));
        }
    }

    /** A random number between {@code low} and {@code high}, from this drawing's random source. */
    double between(double low, double high) {
        return high <= low ? (low + high) / 2 : low + (high - low) * random.nextDouble();
    }

    /**
     * A traffic cone: a base plate, a tapering body and two bright reflective stripes. Returns
     * the brightness at (u, v), or NaN outside the cone.
     */
    private static double cone(double u, double v, double body) {
        if (v >= -1.0 && v < -0.86 && Math.abs(u) <= 0.75) {
            return 0.8 * body;
        }
        if (v >= -0.86 && v <= 0.95) {
            double halfWidth = 0.5 - 0.42 * (v + 0.86) / 1.81;
            if (Math.abs(u) <= halfWidth) {
                boolean stripe = (v >= -0.45 && v <= -0.22) || (v >= 0.12 && v <= 0.32);
                return stripe ? Math.min(1, body + 0.35) : body;
            }
        }
        return Double.NaN;
    }

    /**
     * A dog seen from the side, facing right: body, head, snout, a drooping ear, an eye, four
     * legs and a tail. Returns the brightness at (u, v), or NaN outside the dog.
     */
    private static double dog(double u, double v, double fur) {
        if (inEllipse(u, v, 0.60, 0.38, 0.04, 0.04)) {
            return 0.1; // the eye
        }
        if (inEllipse(u, v, 0.45, 0.30, 0.07, 0.17)) {
            return 0.7 * fur; // the ear, a shade darker than the fur
        }
        if (inEllipse(u, v, 0.55, 0.32, 0.22, 0.22) || inEllipse(u, v, 0.78, 0.25, 0.16, 0.09)
                || inEllipse(u, v, -0.10, -0.05, 0.58, 0.27)) {
            return fur;
        }
        for (double legX : new double[] {-0.50, -0.30, 0.15, 0.32}) {
            if (Math.abs(u - legX) <= 0.06 && v >= -0.80 && v <= -0.10) {
                return 0.9 * fur;
            }
        }
        if (nearSegment(u, v, -0.62, 0.0, -0.90, 0.35, 0.05)) {
            return fur; // the tail
        }
        return Double.NaN;
    }

    private static boolean inEllipse(double u, double v, double cu, double cv, double ru, double rv) {
        double a = (u - cu) / ru;
        double b = (v - cv) / rv;
        return a * a + b * b <= 1;
    }

    private static boolean nearSegment(double u, double v, double u0, double v0, double u1, double v1, double width) {
        double du = u1 - u0;
        double dv = v1 - v0;
        double t = Math.max(0, Math.min(1, ((u - u0) * du + (v - v0) * dv) / (du * du + dv * dv)));
        double eu = u - (u0 + t * du);
        double ev = v - (v0 + t * dv);
        return eu * eu + ev * ev <= width * width;
    }
}

package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Random changes to training pictures that keep what they show: a mirror image, a small shift, a
 * slight turn, a little more or less light. Each epoch then sees slightly different pictures, so
 * the model learns the thing rather than the exact pixels. Given to training with
 * {@code model.fit(images).augment(...)}, it changes training batches only: validation, evaluation
 * and prediction see the pictures as they are. Immutable; each method returns a changed copy. The
 * same training seed gives the same changes.
 *
 * <pre>{@code
 * val augment = Augmentation.none().flip().shift(4).rotate(10.0).brightness(0.1)
 * model.fit(train).augment(augment).epochs(10).seed(42).train()
 * Augmentation.none().rotate(120.0)   // PerceptronException: the rotation must be between 0 and 45 degrees
 * }</pre>
 *
 * <p>Pixels moved in from outside the picture repeat its nearest edge. Amounts of brightness are
 * in the pictures' own units: 0.1 is a tenth of the range for pictures read with values 0 to 1.
 */
public final class Augmentation {
    /** Larger turns change what a picture shows (a 6 becomes a 9); they are refused. */
    private static final double MAX_DEGREES = 45;

    private final boolean flip;
    private final int shift;
    private final double degrees;
    private final double brightness;

    private Augmentation(boolean flip, int shift, double degrees, double brightness) {
        this.flip = flip;
        this.shift = shift;
        this.degrees = degrees;
        this.brightness = brightness;
    }

    /** No change: the start of a chain such as {@code Augmentation.none().flip().shift(4)}. */
    public static Augmentation none() {
        return new Augmentation(false, 0, 0, 0);
    }

    /** Mirrors half of the pictures left to right (not for digits or letters, whose mirror image is another thing). */
    public Augmentation flip() {
        return new Augmentation(true, shift, degrees, brightness);
    }

    /**
     * Moves each picture by up to {@code pixels} in each direction, a random crop of the picture
     * padded by that much on every side.
     */
    public Augmentation shift(int pixels) {
        Datasets.requireAtLeast("shift in pixels", pixels, 0);
        return new Augmentation(flip, pixels, degrees, brightness);
    }

    /** Turns each picture by a random angle between {@code -degrees} and {@code degrees} about its centre. */
    public Augmentation rotate(double degrees) {
        if (!(degrees >= 0 && degrees <= MAX_DEGREES)) {
            throw DataErrors.outOfRange("rotation", degrees, "between 0 and " + (int) MAX_DEGREES + " degrees, such as 10");
        }
        return new Augmentation(flip, shift, degrees, brightness);
    }

    /** Adds the same random amount between {@code -amount} and {@code amount} to every value of a picture. */
    public Augmentation brightness(double amount) {
        if (!(amount >= 0 && amount <= 1)) {
            throw DataErrors.outOfRange("brightness change", amount, "between 0 and 1, such as 0.1");
        }
        return new Augmentation(flip, shift, degrees, amount);
    }

    /** Whether this changes anything. */
    public boolean isNone() {
        return !flip && shift == 0 && degrees == 0 && brightness == 0;
    }

    /**
     * Changes one picture in place: {@code values[offset ..]} shaped {@code [channels, height,
     * width]}. The random numbers come from {@code seed} alone, so a picture gets the same change
     * for the same seed whichever thread prepares it.
     */
    public void apply(float[] values, int offset, long[] shape, long seed) {
        if (isNone()) {
            return;
        }
        if (shape.length != 3) {
            throw DataErrors.notImages(shape);
        }
        int channels = (int) shape[0];
        int height = (int) shape[1];
        int width = (int) shape[2];
        SplittableRandom random = new SplittableRandom(seed);
        boolean mirror = flip && random.nextBoolean();
        double dx = shift == 0 ? 0 : random.nextInt(-shift, shift + 1);
        double dy = shift == 0 ? 0 : random.nextInt(-shift, shift + 1);
        double angle = degrees == 0 ? 0 : Math.toRadians(random.nextDouble(-degrees, degrees));
        float light = brightness == 0 ? 0 : (float) random.nextDouble(-brightness, brightness);
        if (mirror || dx != 0 || dy != 0 || angle != 0) {
            move(values, offset, channels, height, width, mirror, dx, dy, angle);
        }
        if (light != 0) {
            int end = offset + channels * height * width;
            for (int i = offset; i < end; i++) {
                values[i] += light;
            }
        }
    }

    /**
     * Each output pixel reads the source at the inverse of (mirror, turn about the centre, shift),
     * bilinearly, with coordinates clamped to the picture's edge.
     */
    private static void move(float[] values, int offset, int channels, int height, int width, boolean mirror,
                             double dx, double dy, double angle) {
        int plane = height * width;
        float[] source = new float[channels * plane];
        System.arraycopy(values, offset, source, 0, source.length);
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double ux = x - dx - cx;
                double uy = y - dy - cy;
                double sx = cos * ux + sin * uy + cx;
                double sy = -sin * ux + cos * uy + cy;
                if (mirror) {
                    sx = width - 1 - sx;
                }
                sx = Math.max(0, Math.min(width - 1, sx));
                sy = Math.max(0, Math.min(height - 1, sy));
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                int x1 = Math.min(width - 1, x0 + 1);
                int y1 = Math.min(height - 1, y0 + 1);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                for (int c = 0; c < channels; c++) {
                    int base = c * plane;
                    float top = source[base + y0 * width + x0] * (1 - fx) + source[base + y0 * width + x1] * fx;
                    float bottom = source[base + y1 * width + x0] * (1 - fx) + source[base + y1 * width + x1] * fx;
                    values[offset + base + y * width + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (flip) {
            parts.add("flip");
        }
        if (shift > 0) {
            parts.add("shift " + shift + " px");
        }
        if (degrees > 0) {
            parts.add(String.format(Locale.ROOT, "rotate ±%s°", trim(degrees)));
        }
        if (brightness > 0) {
            parts.add(String.format(Locale.ROOT, "brightness ±%s", trim(brightness)));
        }
        return String.join(", ", parts);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

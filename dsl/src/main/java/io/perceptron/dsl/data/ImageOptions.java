package io.perceptron.dsl.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * How image files become numbers: the size every picture is brought to, colour or grey, and an
 * optional per-channel normalization. Immutable; each method returns a changed copy. Pass it to
 * {@link Datasets#imageFolder(String, ImageOptions)} when the short form
 * {@code Datasets.imageFolder(folder, size)} (colour, stretched to a square, values 0 to 1) is not
 * what you want.
 *
 * <pre>{@code
 * ImageOptions.size(64)                           // 64 x 64, colour, stretched to the square
 * ImageOptions.size(96, 64).keepAspect()          // 96 wide, 64 high: the centre of each picture, cut to that shape
 * ImageOptions.size(28).grey()                    // one channel
 * ImageOptions.size(64).normalize(doubleArrayOf(0.485, 0.456, 0.406), doubleArrayOf(0.229, 0.224, 0.225))
 * ImageOptions.size(0)                            // PerceptronException: the image width in pixels must be at least 1
 * }</pre>
 *
 * <p>Defaults: colour (3 channels, red, green, blue), the whole picture stretched to the size,
 * values from 0 (black) to 1 (full brightness), no normalization. Transparent pixels become
 * white.
 */
public final class ImageOptions {
    private final int width;
    private final int height;
    private final boolean grey;
    private final boolean keepAspect;
    private final double[] mean;
    private final double[] std;

    private ImageOptions(int width, int height, boolean grey, boolean keepAspect, double[] mean, double[] std) {
        this.width = width;
        this.height = height;
        this.grey = grey;
        this.keepAspect = keepAspect;
        this.mean = mean;
        this.std = std;
    }

    /** Square pictures {@code size} x {@code size} pixels. */
    public static ImageOptions size(int size) {
        return size(size, size);
    }

    /** Pictures {@code width} pixels wide and {@code height} high. */
    public static ImageOptions size(int width, int height) {
        Datasets.requireAtLeast("image width in pixels", width, 1);
        Datasets.requireAtLeast("image height in pixels", height, 1);
        return new ImageOptions(width, height, false, false, null, null);
    }

    /** One grey channel (brightness as 0.299 red + 0.587 green + 0.114 blue) instead of three colours. */
    public ImageOptions grey() {
        return new ImageOptions(width, height, true, keepAspect, checkedMean(mean, 1), std);
    }

    /** Three colour channels, red, green, blue (the default). */
    public ImageOptions rgb() {
        return new ImageOptions(width, height, false, keepAspect, checkedMean(mean, 3), std);
    }

    /**
     * Keeps the picture's proportions: the largest centred part with the target's shape is cut out
     * and then scaled, instead of stretching the whole picture.
     */
    public ImageOptions keepAspect() {
        return new ImageOptions(width, height, grey, true, mean, std);
    }

    /**
     * Normalizes each channel: {@code (value - mean) / std}, on values from 0 to 1. Pass one mean
     * and one standard deviation per channel (three for colour, one for grey), for instance the
     * ImageNet statistics that pretrained networks expect.
     *
     * <pre>{@code
     * ImageOptions.size(64).grey().normalize(doubleArrayOf(0.5), doubleArrayOf(0.25))
     * }</pre>
     */
    public ImageOptions normalize(double[] mean, double[] std) {
        int channels = channels();
        if (mean == null || std == null || mean.length != channels || std.length != channels) {
            throw DataErrors.normalizationSize(channels, mean == null ? 0 : mean.length, std == null ? 0 : std.length);
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw DataErrors.outOfRange("standard deviation of a channel", s, "greater than 0, such as 0.25");
            }
        }
        return new ImageOptions(width, height, grey, keepAspect, mean.clone(), std.clone());
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** 1 for grey, 3 for colour. */
    public int channels() {
        return grey ? 1 : 3;
    }

    /** Whether pictures keep their proportions (centre crop) rather than being stretched. */
    public boolean keepsAspect() {
        return keepAspect;
    }

    /** The per-channel means of {@link #normalize}, or {@code null} without normalization. */
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** The per-channel standard deviations of {@link #normalize}, or {@code null} without normalization. */
    public double[] std() {
        return std == null ? null : std.clone();
    }

    /** The shape of one decoded picture: {@code [channels, height, width]}. */
    public long[] shape() {
        return new long[] {channels(), height, width};
    }

    /** Normalization statistics for {@code channels} channels stay only if they still fit. */
    private static double[] checkedMean(double[] mean, int channels) {
        if (mean != null && mean.length != channels) {
            throw DataErrors.normalizationSize(channels, mean.length, mean.length);
        }
        return mean;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d x %d, %s, %s%s", width, height, grey ? "grey" : "colour",
                keepAspect ? "centre cut to this shape" : "stretched to this shape",
                mean == null ? ", values 0 to 1"
                        : ", normalized with mean " + Arrays.toString(mean) + " and std " + Arrays.toString(std));
    }
}

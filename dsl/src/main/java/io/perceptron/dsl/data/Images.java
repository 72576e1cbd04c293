package io.perceptron.dsl.data;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Pictures to look at: image examples, filters and feature maps turned into
 * {@link BufferedImage}s, which a notebook shows inline as PNG. Small images are enlarged with
 * square pixels so a 28-pixel picture is big enough to see.
 *
 * <pre>{@code
 * val images = Datasets.dogsVsConesImages(100, 28, 42)
 * Images.toImage(images, 0)          // one picture
 * Images.grid(images, 16)            // the first 16 in a 4 x 4 grid
 * Images.grid(filters)               // conv filters shaped [count, 1, 3, 3], each scaled to its own range
 * }</pre>
 */
public final class Images {
    /** About how many screen pixels wide a single picture is drawn. */
    private static final int SINGLE_PIXELS = 112;
    /** About how many screen pixels wide each picture of a grid is drawn. */
    private static final int CELL_PIXELS = 56;
    /** Screen pixels between the pictures of a grid. */
    private static final int GAP = 2;
    /** The light gray between grid cells: visible against both dark and bright pictures. */
    private static final int GAP_GRAY = 160;

    private Images() {
    }

    /**
     * Example {@code index} as a picture, enlarged to about 112 pixels wide. Pixel values are
     * read as brightness from 0 (black) to 1 (white).
     *
     * <pre>{@code
     * Images.toImage(Datasets.dogsVsConesImages(10, 28, 1), 3)
     * }</pre>
     */
    public static BufferedImage toImage(Examples examples, int index) {
        long[] shape = imageShape(examples);
        return toImage(examples, index, enlargement(SINGLE_PIXELS, shape[2]));
    }

    /**
     * Example {@code index} as a picture with every pixel drawn as a {@code scale} x
     * {@code scale} square.
     *
     * <pre>{@code
     * Images.toImage(images, 0, 8)   // a 28-pixel image drawn 224 pixels wide
     * }</pre>
     */
    public static BufferedImage toImage(Examples examples, int index, int scale) {
        long[] shape = imageShape(examples);
        Datasets.requireAtLeast("scale", scale, 1);
        Frame frame = new Frame((int) shape[0], (int) shape[1], (int) shape[2], examples.features(index), 0, 1);
        return render(new Frame[] {frame}, 1, scale);
    }

    /**
     * The first {@code count} examples side by side in a square-ish grid, read row by row (the
     * same order as {@link Examples#labelName(int)}).
     *
     * <pre>{@code
     * Images.grid(Datasets.multiLabelImages(100, 32, 1), 9)   // 3 x 3
     * }</pre>
     */
    public static BufferedImage grid(Examples examples, int count) {
        long[] shape = imageShape(examples);
        Datasets.requireAtLeast("number of pictures", count, 1);
        int n = Math.min(count, examples.size());
        Frame[] frames = new Frame[n];
        for (int i = 0; i < n; i++) {
            frames[i] = new Frame((int) shape[0], (int) shape[1], (int) shape[2], examples.features(i), 0, 1);
        }
        return render(frames, columnsFor(n), enlargement(CELL_PIXELS, shape[2]));
    }

    /**
     * One picture from a tensor shaped [height, width] or [1, height, width], such as a feature
     * map. Values are stretched so the smallest is black and the largest white.
     *
     * <pre>{@code
     * Images.toImage(featureMaps.get(0))
     * }</pre>
     */
    public static BufferedImage toImage(NDArray picture) {
        long[] shape = picture.getShape().getShape();
        if (!(shape.length == 2 || (shape.length == 3 && shape[0] == 1))) {
            throw DataErrors.notDrawable(shape);
        }
        int height = (int) shape[shape.length - 2];
        int width = (int) shape[shape.length - 1];
        Frame frame = stretched(values(picture), 0, height * width, height, width);
        return render(new Frame[] {frame}, 1, enlargement(SINGLE_PIXELS, width));
    }

    /**
     * Several pictures from a tensor shaped [count, height, width] or [count, 1, height, width]
     * (a first convolution layer's filters, or one image's feature maps), each stretched to its
     * own range so every filter's pattern is visible.
     *
     * <pre>{@code
     * Images.grid(filters)     // an NDArray shaped [8, 1, 3, 3]: eight 3x3 filters
     * }</pre>
     */
    public static BufferedImage grid(NDArray pictures) {
        long[] shape = pictures.getShape().getShape();
        if (!(shape.length == 3 || (shape.length == 4 && shape[1] == 1))) {
            throw DataErrors.notDrawable(shape);
        }
        int count = (int) shape[0];
        int height = (int) shape[shape.length - 2];
        int width = (int) shape[shape.length - 1];
        float[] all = values(pictures);
        Frame[] frames = new Frame[count];
        for (int i = 0; i < count; i++) {
            frames[i] = stretched(all, i * height * width, height * width, height, width);
        }
        return render(frames, columnsFor(count), enlargement(CELL_PIXELS, width));
    }

    /** One picture: channels x height x width values row by row, drawn from low (black) to high (white). */
    private record Frame(int channels, int height, int width, float[] values, float low, float high) {
        int gray(int channel, int y, int x) {
            float v = values[(channel * height + y) * width + x];
            float unit = high > low ? (v - low) / (high - low) : 0.5f;
            return Math.round(255 * Math.max(0, Math.min(1, unit)));
        }
    }

    private static Frame stretched(float[] all, int offset, int length, int height, int width) {
        float[] values = new float[length];
        System.arraycopy(all, offset, values, 0, length);
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return new Frame(1, height, width, values, low, high);
    }

    private static float[] values(NDArray array) {
        try (NDArray floats = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, true)) {
            return floats.toFloatArray();
        }
    }

    /** How many screen pixels per image pixel bring a picture {@code width} wide near {@code target}. */
    private static int enlargement(int target, long width) {
        return (int) Math.max(1, Math.round(target / (double) width));
    }

    private static int columnsFor(int count) {
        return (int) Math.ceil(Math.sqrt(count));
    }

    private static BufferedImage render(Frame[] frames, int columns, int scale) {
        Frame first = frames[0];
        int rows = (frames.length + columns - 1) / columns;
        int cellWidth = first.width() * scale;
        int cellHeight = first.height() * scale;
        int gap = frames.length > 1 ? GAP : 0;
        int width = columns * cellWidth + (columns - 1) * gap;
        int height = rows * cellHeight + (rows - 1) * gap;
        boolean color = first.channels() == 3;
        BufferedImage image = new BufferedImage(width, height,
                color ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int b = 0; b < raster.getNumBands(); b++) raster.setSample(x, y, b, GAP_GRAY);
            }
        }
        for (int f = 0; f < frames.length; f++) {
            Frame frame = frames[f];
            int left = (f % columns) * (cellWidth + gap);
            int top = (f / columns) * (cellHeight + gap);
            for (int y = 0; y < cellHeight; y++) {
                for (int x = 0; x < cellWidth; x++) {
                    for (int b = 0; b < raster.getNumBands(); b++) {
                        raster.setSample(left + x, top + y, b, frame.gray(color ? b : 0, y / scale, x / scale));
                    }
                }
            }
        }
        return image;
    }

    private static long[] imageShape(Examples examples) {
        long[] shape = examples.featureShape();
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3)) {
            throw DataErrors.notImages(shape);
        }
        return shape;
    }
}

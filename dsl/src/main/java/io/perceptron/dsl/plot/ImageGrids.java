package io.perceptron.dsl.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.display.Renderers;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small images side by side: a batch of inputs, a layer's filters, feature maps. Grey images
 * are heat maps (values on hover, each image scaled to its own range, as filters with negative
 * weights need); colour images and pictures are PNGs inside Plotly image traces.
 */
final class ImageGrids {
    /** Drawing more than this many images makes a slow, unreadable figure; the rest are left out. */
    static final int MAX_IMAGES = 64;
    /** Pixels per grid row of small images, title included. */
    private static final int ROW_HEIGHT = 170;
    private static final int SINGLE_IMAGE_HEIGHT = 360;
    /** One row holds up to this many images; more are laid out about as many rows as columns. */
    private static final int ONE_ROW_UP_TO = 8;
    private static final List<List<Object>> GREYS = List.of(List.of(0.0, "#000000"), List.of(1.0, "#ffffff"));

    private ImageGrids() {
    }

    static Figure of(float[] values, long[] shape, List<String> titles) {
        long[] nchw = batchShape(shape);
        long count = nchw[0];
        long channels = nchw[1];
        long height = nchw[2];
        long width = nchw[3];
        long expected = count * channels * height * width;
        if (values.length != expected) {
            throw PlotErrors.imageValues(values.length, shape, expected);
        }
        if (count == 0) {
            throw PlotErrors.noImages();
        }
        if (!titles.isEmpty() && titles.size() != count) {
            throw PlotErrors.titleCount((int) count, titles.size());
        }
        int shown = (int) Math.min(count, MAX_IMAGES);
        int h = (int) height;
        int w = (int) width;
        int size = (int) (channels * height * width);
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            String title = titles.isEmpty() ? null : titles.get(i);
            float[] one = Arrays.copyOfRange(values, i * size, (i + 1) * size);
            Trace trace = channels == 1 ? grey(one, h, w) : picture(colour(one, h, w));
            panels.add(picturePanel(title, trace));
        }
        return layOut(panels, (int) count);
    }

    static Figure of(NDArray array) {
        NDArray floats = array.toType(DataType.FLOAT32, false);
        try {
            return of(floats.toFloatArray(), array.getShape().getShape(), List.of());
        } finally {
            if (floats != array) {
                floats.close();
            }
        }
    }

    static Figure of(Examples examples, int count) {
        long[] featureShape = examples.featureShape();
        boolean image = featureShape.length == 2
                || featureShape.length == 3 && (featureShape[0] == 1 || featureShape[0] == 3);
        if (!image) {
            throw PlotErrors.notImages(examples.name(), featureShape);
        }
        int shown = Math.max(0, Math.min(count, examples.size()));
        int featureSize = (int) Arrays.stream(featureShape).reduce(1, (a, b) -> a * b);
        // One example at a time: pictures read from a folder decode only the ones shown.
        float[] values = new float[shown * featureSize];
        for (int i = 0; i < shown; i++) {
            examples.copyFeatures(i, values, i * featureSize);
        }
        long[] shape = new long[featureShape.length + 1];
        shape[0] = shown;
        System.arraycopy(featureShape, 0, shape, 1, featureShape.length);
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            titles.add(labelText(examples, i));
        }
        Figure figure = of(values, shape, titles);
        if (shown == 1) {
            return figure;
        }
        return figure.title(shown < examples.size()
                ? examples.name() + " (" + shown + " of " + examples.size() + ")"
                : examples.name());
    }

    static Figure of(List<? extends RenderedImage> pictures, List<String> titles) {
        if (pictures.isEmpty()) {
            throw PlotErrors.noImages();
        }
        if (!titles.isEmpty() && titles.size() != pictures.size()) {
            throw PlotErrors.titleCount(pictures.size(), titles.size());
        }
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < Math.min(pictures.size(), MAX_IMAGES); i++) {
            panels.add(picturePanel(titles.isEmpty() ? null : titles.get(i), picture(pictures.get(i))));
        }
        return layOut(panels, pictures.size());
    }

    /** [h, w], [n, h, w] or [n, c, h, w] as [n, c, h, w], with c being 1 or 3. */
    private static long[] batchShape(long[] shape) {
        long[] nchw = switch (shape.length) {
            case 2 -> new long[] {1, 1, shape[0], shape[1]};
            case 3 -> new long[] {shape[0], 1, shape[1], shape[2]};
            case 4 -> shape.clone();
            default -> null;
        };
        if (nchw == null || (nchw[1] != 1 && nchw[1] != 3) || Arrays.stream(nchw).anyMatch(d -> d < 0)
                || nchw[2] == 0 || nchw[3] == 0) {
            throw PlotErrors.imageShape(shape);
        }
        return nchw;
    }

    private static Trace grey(float[] pixels, int height, int width) {
        double[][] z = new double[height][width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                z[r][c] = pixels[r * width + c];
            }
        }
        return Trace.heatmap("", z)
                .attribute("colorscale", GREYS)
                .attribute("showscale", false)
                .attribute("hovertemplate", "row %{y}, column %{x}: %{z}<extra></extra>");
    }

    /** Channel-first RGB values, 0..1 or 0..255 (told apart by the largest value), as a picture. */
    private static BufferedImage colour(float[] values, int height, int width) {
        float max = 0;
        for (float v : values) max = Math.max(max, v);
        float scale = max <= 1f ? 255f : 1f;
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int at = r * width + c;
                int red = channel(values[at], scale);
                int green = channel(values[plane + at], scale);
                int blue = channel(values[2 * plane + at], scale);
                picture.setRGB(c, r, (red << 16) | (green << 8) | blue);
            }
        }
        return picture;
    }

    private static int channel(float value, float scale) {
        return Math.max(0, Math.min(255, Math.round(value * scale)));
    }

    private static Trace picture(RenderedImage picture) {
        Map<String, Object> a = Trace.start("image", "");
        a.put("source", "data:image/png;base64," + Renderers.bundle(picture).get("image/png"));
        return new Trace(a, 1);
    }

    private static Panel picturePanel(String title, Trace trace) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("visible", false);
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("visible", false);
        y.put("autorange", "reversed");
        return Panel.of(title, List.of(trace), null, null).axes(x, y, true).asImage().height(ROW_HEIGHT);
    }

    private static Figure layOut(List<Panel> panels, int total) {
        if (panels.size() == 1) {
            return Figure.single(panels.get(0).height(SINGLE_IMAGE_HEIGHT));
        }
        int columns = panels.size() <= ONE_ROW_UP_TO ? panels.size() : (int) Math.ceil(Math.sqrt(panels.size()));
        Figure grid = Figure.grid(panels.stream().map(Figure::single).toList(), columns);
        return total > panels.size() ? grid.title("The first " + panels.size() + " of " + total + " images") : grid;
    }

    private static String labelText(Examples examples, int index) {
        long[] labelShape = examples.labelShape();
        float[] labels = examples.labels();
        List<String> names = examples.classNames();
        if (labelShape.length == 0) {
            float label = labels[index];
            int cls = Math.round(label);
            return cls >= 0 && cls < names.size() && label == cls ? names.get(cls) : TableColumns.numberText(label);
        }
        int size = (int) Arrays.stream(labelShape).reduce(1, (a, b) -> a * b);
        List<String> present = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            if (labels[index * size + k] >= 0.5f) {
                present.add(k < names.size() ? names.get(k) : String.valueOf(k));
            }
        }
        return present.isEmpty() ? "none" : String.join(" + ", present);
    }
}

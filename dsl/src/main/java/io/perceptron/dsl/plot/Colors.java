package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The colours of named series and classes, fixed so that a class has the same colour in a
 * scatter plot and in the decision regions drawn beneath it, and a series the same colour in
 * every panel of a grid.
 */
final class Colors {
    /** The ten-colour categorical palette Plotly and matplotlib use by default (D3's category10). */
    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    };

    private Colors() {
    }

    /** The colour of series or class number {@code index}, repeating after ten. */
    static String of(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** The colour of class {@code index} washed out towards white, for regions under the data. */
    static String light(int index) {
        String hex = of(index);
        int r = Integer.parseInt(hex.substring(1, 3), 16);
        int g = Integer.parseInt(hex.substring(3, 5), 16);
        int b = Integer.parseInt(hex.substring(5, 7), 16);
        return "rgb(" + wash(r) + "," + wash(g) + "," + wash(b) + ")";
    }

    private static int wash(int channel) {
        return channel + (255 - channel) * 3 / 5;
    }

    /**
     * A colour scale with one flat band per class, for a surface of class indices drawn with
     * {@code zmin = -0.5} and {@code zmax = classes - 0.5}: every value near class {@code c}
     * gets class {@code c}'s light colour.
     */
    static List<List<Object>> classBands(int classes) {
        List<List<Object>> scale = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            scale.add(List.of((double) c / classes, light(c)));
            scale.add(List.of((double) (c + 1) / classes, light(c)));
        }
        return scale;
    }

    /** A colour scale from class 0's light colour through white (probability 0.5) to class 1's. */
    static List<List<Object>> twoClassShades() {
        return List.of(List.of(0.0, light(0)), List.of(0.5, "#ffffff"), List.of(1.0, light(1)));
    }
}

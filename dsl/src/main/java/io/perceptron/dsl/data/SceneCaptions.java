package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The small world of captioned scenes that {@link Datasets#captionedScenes(int, int, long)} draws:
 * a dog or a cone, small or big, on the left, in the middle or on the right ("a big dog on the
 * left"), or a dog and a cone side by side ("a dog with a cone", dog on the left; "a cone with a
 * dog", cone on the left). Each caption fixes what is drawn, how big and where, up to a pixel or two
 * of jitter, a little tilt and brightness, so a decoder can learn to draw a caption from its words.
 */
final class SceneCaptions {
    /** Where a single thing stands, as a fraction of the width, and its words. */
    private static final double[] PLACES = {0.27, 0.5, 0.73};
    private static final String[] PLACE_WORDS = {"on the left", "in the middle", "on the right"};
    /** Half the height of a small and a big thing, as a fraction of the picture's size. */
    private static final double[] SCALES = {0.2, 0.32};
    private static final String[] SIZE_WORDS = {"small", "big"};
    /** Half the height of each thing in a pair, which stand at a quarter and three quarters of the width. */
    private static final double PAIR_SCALE = 0.2;
    private static final double JITTER_PIXELS = 1.0;
    private static final double MAX_TILT = Math.toRadians(6);

    /** One caption and what it shows. */
    record Scene(String caption, List<Drawing.Shape> things, double scale, double[] places) {
    }

    private SceneCaptions() {
    }

    /** Every scene, in a fixed order: the twelve single things, then the two pairs. */
    static List<Scene> all() {
        List<Scene> scenes = new ArrayList<>();
        for (Drawing.Shape thing : Drawing.Shape.values()) {
            for (int size = 0; size < SCALES.length; size++) {
                for (int place = 0; place < PLACES.length; place++) {
                    scenes.add(new Scene("a " + SIZE_WORDS[size] + " " + word(thing) + " " + PLACE_WORDS[place],
                            List.of(thing), SCALES[size], new double[] {PLACES[place]}));
                }
            }
        }
        scenes.add(new Scene("a dog with a cone", List.of(Drawing.Shape.DOG, Drawing.Shape.CONE), PAIR_SCALE,
                new double[] {0.27, 0.73}));
        scenes.add(new Scene("a cone with a dog", List.of(Drawing.Shape.CONE, Drawing.Shape.DOG), PAIR_SCALE,
                new double[] {0.27, 0.73}));
        return List.copyOf(scenes);
    }

    /** The captions of {@link #all()}, in the same order: the class names of the scenes. */
    static List<String> captions() {
        return all().stream().map(Scene::caption).toList();
    }

    /** Draws {@code scene} into a picture of {@code size} pixels and writes it into {@code out}. */
    static void draw(Scene scene, int size, Random random, float[] out, int offset) {
        Drawing drawing = new Drawing(size, random);
        drawing.background();
        double scale = scene.scale() * size;
        for (int i = 0; i < scene.things().size(); i++) {
            double cx = scene.places()[i] * size + drawing.between(-JITTER_PIXELS, JITTER_PIXELS);
            double cy = size / 2.0 + drawing.between(-JITTER_PIXELS, JITTER_PIXELS);
            double tilt = drawing.between(-MAX_TILT, MAX_TILT);
            drawing.place(scene.things().get(i), scale, cx, cy, tilt, false, drawing.between(0.75, 0.95));
        }
        drawing.copyInto(out, offset);
    }

    private static String word(Drawing.Shape thing) {
        return thing == Drawing.Shape.DOG ? "dog" : "cone";
    }
}

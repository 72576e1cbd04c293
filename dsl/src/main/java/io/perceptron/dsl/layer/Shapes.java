package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Shape helpers shared by layers and models: printing a shape the way the summary shows it, and
 * moving between the shape of one example and the shape of a batch.
 *
 * <pre>{@code
 * Shapes.text(Shape(64, 55, 55))   // "(64, 55, 55)"
 * }</pre>
 */
public final class Shapes {
    private Shapes() {
    }

    /** The shape as users read it in summaries and messages: {@code (64, 55, 55)}. */
    public static String text(Shape shape) {
        return Arrays.stream(shape.getShape()).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The shape of a batch of {@code batchSize} examples shaped {@code example}. */
    public static Shape batchOf(long batchSize, Shape example) {
        return new Shape(batchSize).addAll(example);
    }

    /** The shape of one example of a batch shaped {@code batch} (drops the first axis). */
    public static Shape example(Shape batch) {
        return batch.slice(1);
    }

    /** {@code shape} with its last axis replaced by {@code size}. */
    static Shape withLast(Shape shape, long size) {
        return shape.slice(0, shape.dimension() - 1).add(size);
    }
}

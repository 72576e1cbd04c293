package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;

/**
 * A layer received examples of a shape it cannot work on. The message names the layer, what it
 * expects, what it received and what to do; a model adds where in the stack the layer sits.
 *
 * <pre>{@code
 * Model.sequential().input(2).conv2d(8, 3)
 * // Layer #0, conv2d(8, 3), does not fit: conv2d(8, 3) works on images shaped
 * // (channels, height, width) but receives (2). ...
 * }</pre>
 */
public final class ShapeMismatch extends PerceptronException {
    private final String layer;
    private final Shape received;

    /** Creates the exception; {@code message} must already name the layer and say what to do. */
    public ShapeMismatch(String layer, Shape received, String message) {
        super(message);
        this.layer = layer;
        this.received = received;
    }

    /** The layer that does not fit, as the user wrote it, e.g. {@code conv2d(8, 3)}. */
    public String layer() {
        return layer;
    }

    /** The shape of one example the layer received. */
    public Shape received() {
        return received;
    }
}

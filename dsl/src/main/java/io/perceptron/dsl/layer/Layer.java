package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * One step of a model: a description that knows, from the shape of one example alone, the shape it
 * produces and how many parameters it holds, and that can build the DJL {@link Block} computing it.
 *
 * <p>Shapes here never include the batch: {@code (16)} is a vector of 16 numbers, {@code (1, 28, 28)}
 * a one-channel 28x28 image, {@code (12, 32)} a sequence of 12 steps of 32 features. Describing a
 * layer never allocates parameters, so a billion-parameter architecture describes in microseconds.
 *
 * <p>Layers are made by {@link Layers} or, usually, by the builder methods of {@code Model}:
 *
 * <pre>{@code
 * val model = Model.sequential().input(2).dense(16).relu().dense(2)
 * model.layers()[0]                          // dense(16)
 * model.layers()[0].parameterCount(Shape(2)) // 48: 2x16 weights + 16 biases
 * Layers.dense(0)                            // fails: dense(0): units must be at least 1 ...
 * }</pre>
 *
 * <p>To write a layer of your own, implement the first three methods and give it a
 * {@code toString()} in the user's words; {@code Model.add(layer)} stacks it.
 */
public interface Layer {

    /**
     * The shape this layer produces from one example shaped {@code input}.
     *
     * @throws ShapeMismatch when {@code input} cannot feed this layer; the message says what the
     *                       layer expects and what to do
     */
    Shape outputShape(Shape input);

    /** How many numbers this layer learns when fed examples shaped {@code input}. */
    long parameterCount(Shape input);

    /**
     * Builds a new, uninitialized DJL block for examples shaped {@code input}. Its learned
     * parameters number exactly {@link #parameterCount(Shape)}; statistics that are not learned
     * (batch norm's running mean and variance) come on top.
     */
    Block block(Shape input);

    /**
     * This layer written down, so that {@link Layers#from(LayerDescription)} makes it again: how a
     * saved model records its architecture. A layer of your own that should be saved implements
     * it (and is rebuilt by a {@code Layers.from} that knows it); by default it cannot be saved.
     */
    default LayerDescription describe() {
        throw LayerErrors.notDescribable(this);
    }

    /**
     * Whether this layer, inside a decoder, reads what the encoder produced (the context): a
     * recurrent layer starts from it, a transformer decoder layer attends to it. Its block then
     * takes the context as a second input, and works without it elsewhere.
     */
    default boolean readsContext() {
        return false;
    }

    /** Whether this layer cannot work at all without an encoder's context. */
    default boolean needsContext() {
        return false;
    }

    /**
     * Checks that an encoder's output shaped {@code context} can feed this layer when it receives
     * examples shaped {@code input}; only called when {@link #readsContext()}.
     *
     * @throws ShapeMismatch when it cannot
     */
    default void checkContext(Shape input, Shape context) {
    }

    /**
     * Whether this layer, first in a model, reads token ids in which id 0 is padding (BERT's
     * {@code [PAD]}, a {@code Vocabulary}'s {@code <pad>}): the model then hands a padding mask to the
     * layers that {@link #readsPaddingMask() read one}, as Keras's {@code mask_zero} does.
     */
    default boolean masksPadding() {
        return false;
    }

    /**
     * Whether this layer's block takes the padding mask as a second input: an array shaped
     * {@code (batch, steps)}, 1 at real steps and 0 at padding. Attention then gives padding no
     * weight and an average over steps leaves it out. Its block works without the mask too.
     */
    default boolean readsPaddingMask() {
        return false;
    }

    /**
     * Whether this layer's output at real steps stays the same however many padding steps follow
     * them: true for layers that work on each step alone (dense, activations, layer norm, dropout,
     * embeddings) and for those that read the padding mask. When every layer of a model says so and
     * one of them averages the steps away, the model skips the padding at the end of a batch
     * instead of computing it.
     */
    default boolean ignoresPadding() {
        return false;
    }
}

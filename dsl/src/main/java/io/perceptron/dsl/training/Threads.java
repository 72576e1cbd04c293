package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.model.Network;
import java.util.function.Supplier;

/**
 * The engine's intra-op thread count (how many cores one tensor operation may use), which the
 * training loop sets for a run, and prediction and evaluation for a call, and restore afterwards.
 *
 * <p>Which count a run uses is decided by {@link Fit#SMALL_BATCH_ACTIVATIONS}, where the
 * measurements behind it are.
 */
final class Threads {
    private Threads() {
    }

    /**
     * Sets the intra-op thread count to {@code threads}; returns the count before, or 0 when
     * nothing was changed ({@code threads} is 0 or the engine is not PyTorch).
     */
    static int set(int threads) {
        if (threads <= 0 || !"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return 0;
        }
        int previous = JniUtils.getNumThreads();
        if (previous != threads) {
            JniUtils.setNumThreads(threads);
        }
        return previous;
    }

    /**
     * The thread count for running {@code model} on batches of {@code batchSize} examples: 1 when a
     * batch's activations are below {@link Fit#SMALL_BATCH_ACTIVATIONS}, else 0 (the engine's own).
     */
    static int forBatch(Network model, long batchSize) {
        return activationsPerExample(model) * batchSize < Fit.SMALL_BATCH_ACTIVATIONS ? 1 : 0;
    }

    /** Runs {@code work} with {@code threads} engine threads (0: leave as is), restoring the count after. */
    static <T> T with(int threads, Supplier<T> work) {
        int previous = set(threads);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }

    /** How many numbers the layers output for one example, from shapes alone. */
    private static long activationsPerExample(Network model) {
        Shape shape = model.inputShape();
        long total = 0;
        for (Layer layer : model.layers()) {
            shape = layer.outputShape(shape);
            total += shape.size();
        }
        return total;
    }
}

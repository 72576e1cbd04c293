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
 * <p>Which count a run uses is decided by {@link #SMALL_BATCH_ACTIVATIONS}, with the measurements
 * behind it.
 */
final class Threads {
    /**
     * Below this many numbers of activations per batch (the sum of every layer's output size,
     * times the batch size) training, prediction and evaluation use one engine thread; above it,
     * the engine's own count.
     * Small operations gain little from more threads and lose a lot when the cores are busy with
     * other work, because the engine's threads wait for each other by spinning. Measured on 2
     * cores, one process: an MLP 2-64-64-2 at batch 64 (17 thousand numbers per batch) ran an
     * epoch in 173 ms with one thread and 211 ms with two; a small CNN on 28x28 images at batch 64
     * (1 million) in 344 ms with one and 253 ms with two while the machine was lightly shared, but
     * 8 epochs of a similar CNN took 2.3-4.3 s with one thread and 13-38 s with two while other
     * builds kept both cores busy.
     */
    static final long SMALL_BATCH_ACTIVATIONS = 16L * 1024 * 1024;

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
     * batch's activations are below {@link #SMALL_BATCH_ACTIVATIONS}, else 0 (the engine's own).
     */
    static int forBatch(Network model, long batchSize) {
        return activationsPerExample(model) * batchSize < SMALL_BATCH_ACTIVATIONS ? 1 : 0;
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

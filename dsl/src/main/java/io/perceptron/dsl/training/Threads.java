package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-op thread count (how many cores one tensor operation may use), which the
 * training loop sets for a run and restores afterwards.
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

}

package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's intra-op thread count (how many cores one tensor operation may use), which the
 * training loop sets for a run and restores afterwards.
 *
 * <p>Small models lose more to thread hand-offs than they gain from parallel kernels: an MLP
 * 2-64-64-2 epoch over 10,000 points at batch 64 took 60 ms with one thread and 120 ms with two
 * on a 2-core machine (see dsl/README.md, Training, for the benchmark).
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

    /** The engine's current intra-op thread count, or 0 when it is not PyTorch. */
    static int current() {
        return "PyTorch".equals(Engine.getInstance().getEngineName()) ? JniUtils.getNumThreads() : 0;
    }
}

package io.perceptron.dsl.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which the engine records no gradients, restoring the previous mode when closed.
 *
 * <p>PyTorch keeps its gradient mode per thread and switches it on for every new thread; DJL
 * switches it off only on the thread that loads the engine. A notebook runs cells on threads of
 * its own, so without this scope a validation pass would build a gradient graph it never uses,
 * and writing into a weight (restoring the best epoch, loading a checkpoint) would be refused.
 *
 * <pre>{@code try (NoGradient scope = NoGradient.enter()) { ...forward passes... } }</pre>
 */
public final class NoGradient implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");

    private final boolean previous;
    private final boolean pyTorch;

    private NoGradient() {
        pyTorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        previous = pyTorch && JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    /** Switches gradient recording off on this thread until {@link #close()}. */
    public static NoGradient enter() {
        return new NoGradient();
    }

    /** Overwrites {@code target}'s values with {@code source}'s in place, keeping the array and its gradient flag. */
    public static void copy(NDArray source, NDArray target) {
        try (NoGradient scope = enter()) {
            target.set(ALL, source);
        }
    }

    /** Puts back the gradient mode from before {@link #enter()}. */
    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}

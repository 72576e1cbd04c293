package io.perceptron.dsl.training;

import io.perceptron.dsl.display.Display;
import java.util.function.Supplier;

/**
 * Holds the factory of the listener every run gets unless it is quiet; see {@link TrainingListener#installDefault}.
 *
 * <p>Unless one was installed, a run shows a live plot with a progress bar when a notebook (a rich display) is
 * attached, and plain-text progress lines otherwise. The choice is made per run, so a kernel only has to install
 * its display sink.
 */
final class DefaultListener {
    private static final Supplier<TrainingListener> BY_DISPLAY =
            () -> Display.isRich() ? new LiveTrainingPlot() : TrainingListener.plainText();

    private static volatile Supplier<? extends TrainingListener> factory = BY_DISPLAY;

    private DefaultListener() {
    }

    static void install(Supplier<? extends TrainingListener> newFactory) {
        factory = newFactory == null ? BY_DISPLAY : newFactory;
    }

    static TrainingListener create() {
        return factory.get();
    }
}

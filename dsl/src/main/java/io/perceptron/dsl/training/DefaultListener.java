package io.perceptron.dsl.training;

import java.util.function.Supplier;

/** Holds the factory of the listener every run gets unless it is quiet; see {@link TrainingListener#installDefault}. */
final class DefaultListener {
    private static volatile Supplier<? extends TrainingListener> factory = TrainingListener::plainText;

    private DefaultListener() {
    }

    static void install(Supplier<? extends TrainingListener> newFactory) {
        factory = newFactory == null ? TrainingListener::plainText : newFactory;
    }

    static TrainingListener create() {
        return factory.get();
    }
}

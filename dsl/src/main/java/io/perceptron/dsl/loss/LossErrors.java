package io.perceptron.dsl.loss;

import io.perceptron.dsl.PerceptronException;

/** The messages a user sees when a loss is asked for wrongly. */
final class LossErrors {
    private LossErrors() {
    }

    static PerceptronException notPositive(String loss, String argument, double received) {
        return new PerceptronException("Loss." + loss + "(" + argument + ") needs a positive " + argument
                + ", received " + received + ". Try " + loss + "(1.0).");
    }
}

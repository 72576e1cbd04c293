package io.perceptron.dsl.loss;

import io.perceptron.dsl.PerceptronException;
import java.util.List;

/** The messages a user sees when a loss is asked for wrongly. */
final class LossErrors {
    private LossErrors() {
    }

    static PerceptronException unknownName(String name, List<String> valid) {
        return new PerceptronException("There is no loss called '" + name + "'. Valid names: "
                + String.join(", ", valid) + " (case, '_' and '-' do not matter), e.g. Loss.named(\"mse\").");
    }

    static PerceptronException notPositive(String loss, String argument, double received) {
        return new PerceptronException("Loss." + loss + "(" + argument + ") needs a positive " + argument
                + ", received " + received + ". Try " + loss + "(1.0).");
    }
}

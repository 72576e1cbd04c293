package io.perceptron.dsl.optimizer;

import io.perceptron.dsl.PerceptronException;

/** The messages a user sees when an optimizer or a schedule is asked for wrongly. */
final class OptimizerErrors {
    private OptimizerErrors() {
    }

    static PerceptronException badArgument(String optimizer, String argument, String expected, double received) {
        return new PerceptronException("Optimizer." + optimizer + " needs " + argument + " " + expected
                + ", received " + received + ".");
    }

    static PerceptronException badScheduleArgument(String schedule, String argument, String expected, Object received) {
        return new PerceptronException("Schedule." + schedule + " needs " + argument + " " + expected
                + ", received " + received + ".");
    }

    static PerceptronException missingSchedule() {
        return new PerceptronException("schedule(...) needs a schedule, received null. "
                + "Use Schedule.constant() for a fixed learning rate.");
    }
}

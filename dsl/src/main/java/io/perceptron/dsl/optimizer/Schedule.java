package io.perceptron.dsl.optimizer;

/**
 * A learning-rate schedule: how the learning rate changes while training runs. The rate at each
 * step is the optimizer's base rate times {@link #factor(long, int, int)}.
 *
 * <p>Four shapes cover most needs: {@link #constant()} (the default), {@link #step(int, double)}
 * (multiply by a factor every few epochs), {@link #cosine()} (a smooth fall to zero over the
 * whole run) and a linear {@link #warmup(int)} in front of any of them, which keeps the first
 * updates small while Adam's statistics settle.
 *
 * <pre>{@code
 * Optimizer.sgd(0.1, 0.9).schedule(Schedule.step(10, 0.5))       // 0.1, then 0.05 from epoch 11, ...
 * Optimizer.adam(0.01).schedule(Schedule.cosine().warmup(2))      // ramp up over 2 epochs, then cosine
 * Schedule.step(0, 0.5)                                           // PerceptronException: every must be at least 1
 * }</pre>
 */
public abstract class Schedule {

    Schedule() {
    }

    /** The base learning rate throughout. */
    public static Schedule constant() {
        return new Constant();
    }

    /**
     * Multiplies the rate by {@code factor} after every {@code everyEpochs} epochs: with
     * {@code step(10, 0.5)} epochs 1–10 use the base rate, 11–20 half of it, and so on.
     *
     * @param everyEpochs how many epochs each rate lasts; at least 1
     * @param factor      what the rate is multiplied by, between 0 and 1
     */
    public static Schedule step(int everyEpochs, double factor) {
        if (everyEpochs < 1) {
            throw OptimizerErrors.badScheduleArgument("step", "everyEpochs", "at least 1", everyEpochs);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw OptimizerErrors.badScheduleArgument("step", "factor", "between 0 (excluded) and 1", factor);
        }
        return new Step(everyEpochs, factor);
    }

    /** Cosine decay from the base rate down to zero at the end of training: {@code cosine(0.0)}. */
    public static Schedule cosine() {
        return cosine(0.0);
    }

    /**
     * Cosine decay: the rate follows half a cosine wave from the base rate at the first step down
     * to {@code finalFraction × base} at the last step of the last epoch.
     *
     * @param finalFraction the fraction of the base rate left at the end, from 0 to 1
     */
    public static Schedule cosine(double finalFraction) {
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw OptimizerErrors.badScheduleArgument("cosine", "finalFraction", "between 0 and 1", finalFraction);
        }
        return new Cosine(finalFraction);
    }

    /**
     * This schedule with a linear warm-up in front: the rate climbs from near zero to the base
     * rate over the first {@code epochs} epochs, then this schedule runs over the epochs left.
     *
     * @param epochs how many epochs the warm-up lasts; at least 1
     */
    public Schedule warmup(int epochs) {
        if (epochs < 1) {
            throw OptimizerErrors.badScheduleArgument("warmup", "epochs", "at least 1", epochs);
        }
        return new Warmup(epochs, this);
    }

    /**
     * The multiplier of the base learning rate at optimizer step {@code step} (0 for the first
     * batch of training).
     *
     * @param step           the update step, counted from 0 over the whole run
     * @param stepsPerEpoch  the number of batches in one epoch
     * @param epochs         the number of epochs the run lasts
     */
    public abstract double factor(long step, int stepsPerEpoch, int epochs);

    /** The learning rate at the first batch of each epoch, for a plot or a printout of the schedule. */
    public double[] perEpoch(double baseRate, int epochs) {
        double[] rates = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            rates[e] = baseRate * factor(e, 1, epochs);
        }
        return rates;
    }

    static final class Constant extends Schedule {
        @Override
        public double factor(long step, int stepsPerEpoch, int epochs) {
            return 1;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    private static final class Step extends Schedule {
        private final int everyEpochs;
        private final double factor;

        Step(int everyEpochs, double factor) {
            this.everyEpochs = everyEpochs;
            this.factor = factor;
        }

        @Override
        public double factor(long step, int stepsPerEpoch, int epochs) {
            long epoch = step / stepsPerEpoch;
            return Math.pow(factor, epoch / everyEpochs);
        }

        @Override
        public String toString() {
            return "step(every " + everyEpochs + " epochs × " + factor + ")";
        }
    }

    private static final class Cosine extends Schedule {
        private final double finalFraction;

        Cosine(double finalFraction) {
            this.finalFraction = finalFraction;
        }

        @Override
        public double factor(long step, int stepsPerEpoch, int epochs) {
            long lastStep = Math.max(1, (long) stepsPerEpoch * epochs - 1);
            double progress = Math.min(1.0, (double) step / lastStep);
            return finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }

        @Override
        public String toString() {
            return finalFraction == 0 ? "cosine" : "cosine(to " + finalFraction + ")";
        }
    }

    private static final class Warmup extends Schedule {
        private final int epochs;
        private final Schedule then;

        Warmup(int epochs, Schedule then) {
            this.epochs = epochs;
            this.then = then;
        }

        @Override
        public double factor(long step, int stepsPerEpoch, int totalEpochs) {
            long warmupSteps = (long) epochs * stepsPerEpoch;
            if (step < warmupSteps) {
                // Never exactly zero: the first step already moves the weights a little.
                return (step + 1.0) / warmupSteps;
            }
            return then.factor(step - warmupSteps, stepsPerEpoch, Math.max(1, totalEpochs - epochs));
        }

        @Override
        public String toString() {
            return "warmup(" + epochs + (epochs == 1 ? " epoch" : " epochs") + ") then " + then;
        }
    }
}

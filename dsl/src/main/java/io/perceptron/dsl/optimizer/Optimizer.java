package io.perceptron.dsl.optimizer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Sgd;
import ai.djl.training.tracker.Tracker;
import io.perceptron.dsl.names.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An optimizer: the rule that turns each batch's gradients into a change of the weights, with a
 * learning rate that may follow a {@link Schedule}. Values are immutable; the methods that
 * change a setting return a new optimizer.
 *
 * <ul>
 *   <li>{@link #sgd(double, double)}: plain gradient descent, optionally with momentum.</li>
 *   <li>{@link #adam(double)}: adapts each weight's step to its gradients' history; a good default.</li>
 *   <li>{@link #adamW(double, double)}: Adam with decoupled weight decay, which pulls weights
 *       towards zero and so fights overfitting.</li>
 * </ul>
 *
 * <pre>{@code
 * model.fit(data).label("label").optimizer(Optimizer.adam(0.01)).train()
 * Optimizer.sgd(0.1, 0.9).schedule(Schedule.cosine())
 * Optimizer.named("adamw")      // AdamW with its default rates
 * Optimizer.adam(-1.0)          // PerceptronException: the learning rate must be positive
 * }</pre>
 *
 * <p>Every {@code train()} starts the optimizer afresh: its running averages (Adam's moments,
 * SGD's momentum) and its schedule begin again with each run.
 */
public final class Optimizer {
    /** Adam's default learning rate, as in the Adam paper (Kingma and Ba, 2015). */
    public static final double ADAM_DEFAULT_RATE = 1e-3;
    /** A common starting rate for plain SGD. */
    public static final double SGD_DEFAULT_RATE = 0.01;
    /** AdamW's default weight decay, as in PyTorch and DJL. */
    public static final double ADAMW_DEFAULT_DECAY = 0.01;

    /** The optimizers {@link #named(String)} knows, each with its default settings. */
    private static final Names<Supplier<Optimizer>> BY_NAME =
            Names.of("optimizer", "Optimizer.named(\"adam\")", catalogue());

    private static Map<String, Supplier<Optimizer>> catalogue() {
        Map<String, Supplier<Optimizer>> optimizers = new LinkedHashMap<>();
        optimizers.put("sgd", () -> sgd(SGD_DEFAULT_RATE));
        optimizers.put("adam", () -> adam(ADAM_DEFAULT_RATE));
        optimizers.put("adamW", () -> adamW(ADAM_DEFAULT_RATE, ADAMW_DEFAULT_DECAY));
        return optimizers;
    }

    private enum Kind { SGD, ADAM, ADAMW }

    private final Kind kind;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final Schedule schedule;

    private Optimizer(Kind kind, double learningRate, double momentum, double weightDecay, Schedule schedule) {
        this.kind = kind;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.schedule = schedule;
    }

    /**
     * Plain stochastic gradient descent: {@code w -= learningRate × gradient}.
     *
     * <pre>{@code Optimizer.sgd(0.1) }</pre>
     */
    public static Optimizer sgd(double learningRate) {
        return sgd(learningRate, 0.0);
    }

    /**
     * Gradient descent with momentum: each step keeps {@code momentum} of the previous step's
     * direction, which rolls through small bumps and speeds up along long valleys.
     *
     * <pre>{@code Optimizer.sgd(0.1, 0.9) }</pre>
     *
     * @param learningRate positive
     * @param momentum     from 0 (none) to below 1; 0.9 is usual
     */
    public static Optimizer sgd(double learningRate, double momentum) {
        checkRate("sgd", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw OptimizerErrors.badArgument("sgd", "momentum", "from 0 up to (not including) 1", momentum);
        }
        return new Optimizer(Kind.SGD, learningRate, momentum, 0.0, Schedule.constant());
    }

    /** Adam with its usual learning rate, {@value #ADAM_DEFAULT_RATE}. */
    public static Optimizer adam() {
        return adam(ADAM_DEFAULT_RATE);
    }

    /**
     * Adam: gradient descent where each weight's step is scaled by running averages of its
     * gradients and squared gradients. Works well with little tuning.
     *
     * <pre>{@code Optimizer.adam(0.01) }</pre>
     */
    public static Optimizer adam(double learningRate) {
        checkRate("adam", learningRate);
        return new Optimizer(Kind.ADAM, learningRate, 0.0, 0.0, Schedule.constant());
    }

    /** AdamW with weight decay {@value #ADAMW_DEFAULT_DECAY}. */
    public static Optimizer adamW(double learningRate) {
        return adamW(learningRate, ADAMW_DEFAULT_DECAY);
    }

    /**
     * AdamW: Adam plus decoupled weight decay, which shrinks every weight by
     * {@code learningRate × weightDecay} of itself each step, independent of the gradient.
     *
     * <pre>{@code Optimizer.adamW(0.001, 0.05) }</pre>
     *
     * @param weightDecay zero or more; 0.01 is usual
     */
    public static Optimizer adamW(double learningRate, double weightDecay) {
        checkRate("adamW", learningRate);
        checkDecay("adamW", weightDecay);
        return new Optimizer(Kind.ADAMW, learningRate, 0.0, weightDecay, Schedule.constant());
    }

    /**
     * The optimizer called {@code name} with its default settings, ignoring case, underscores and
     * dashes: {@code "sgd"} (rate {@value #SGD_DEFAULT_RATE}), {@code "adam"}
     * ({@value #ADAM_DEFAULT_RATE}), {@code "adamW"}.
     *
     * <pre>{@code
     * Optimizer.named("Adam")      // Optimizer.adam()
     * Optimizer.named("rmsprop")   // PerceptronException listing the valid names
     * }</pre>
     */
    public static Optimizer named(String name) {
        return BY_NAME.resolve(name).get();
    }

    /** The names {@link #named(String)} accepts. */
    public static List<String> names() {
        return BY_NAME.names();
    }

    /**
     * This optimizer with its learning rate following {@code schedule}.
     *
     * <pre>{@code Optimizer.adam(0.01).schedule(Schedule.cosine().warmup(1)) }</pre>
     */
    public Optimizer schedule(Schedule schedule) {
        if (schedule == null) {
            throw OptimizerErrors.missingSchedule();
        }
        return new Optimizer(kind, learningRate, momentum, weightDecay, schedule);
    }

    /**
     * This optimizer with weight decay: for {@code adamW} the decoupled decay, for {@code sgd}
     * and {@code adam} the classic L2 penalty added to each gradient.
     *
     * <pre>{@code Optimizer.sgd(0.1, 0.9).weightDecay(5e-4) }</pre>
     */
    public Optimizer weightDecay(double weightDecay) {
        checkDecay(name(), weightDecay);
        return new Optimizer(kind, learningRate, momentum, weightDecay, schedule);
    }

    /** The name accepted by {@link #named(String)}: {@code sgd}, {@code adam} or {@code adamW}. */
    public String name() {
        return switch (kind) {
            case SGD -> "sgd";
            case ADAM -> "adam";
            case ADAMW -> "adamW";
        };
    }

    /** The base learning rate (the schedule multiplies it). */
    public double learningRate() {
        return learningRate;
    }

    /** The learning-rate schedule; {@link Schedule#constant()} unless one was set. */
    public Schedule schedule() {
        return schedule;
    }

    /** The SGD momentum; 0 for the other optimizers. */
    public double momentum() {
        return momentum;
    }

    /** The weight decay; 0 unless set. */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * A fresh DJL optimizer for one training run, its learning rate following this optimizer's
     * schedule over {@code epochs} epochs of {@code stepsPerEpoch} batches.
     *
     * <p>DJL detaches an optimizer's state (Adam's moments, SGD's momentum) from every manager and
     * leaves it to the garbage collector, which never sees native memory; here the state is
     * attached to {@code stateManager} instead, so closing that manager frees it.
     */
    public ai.djl.training.optimizer.Optimizer djl(int stepsPerEpoch, int epochs, NDManager stateManager) {
        // DJL counts updates per parameter from 1; the schedule counts steps from 0.
        Tracker rate = update -> (float) (learningRate * schedule.factor(update - 1L, stepsPerEpoch, epochs));
        return switch (kind) {
            case SGD -> new OwnedSgd(ai.djl.training.optimizer.Optimizer.sgd().setLearningRateTracker(rate)
                    .optMomentum((float) momentum).optWeightDecays((float) weightDecay), stateManager);
            case ADAM -> new OwnedAdam(ai.djl.training.optimizer.Optimizer.adam().optLearningRateTracker(rate)
                    .optWeightDecays((float) weightDecay), stateManager);
            case ADAMW -> new OwnedAdamW(ai.djl.training.optimizer.Optimizer.adamW().optLearningRateTracker(rate)
                    .optWeightDecays((float) weightDecay), stateManager);
        };
    }

    /** Puts a state array DJL just created (and detached) into {@code owner}. */
    private static NDArray owned(NDArray state, NDManager owner) {
        if (owner != null && state.getManager() != owner) {
            state.attach(owner);
        }
        return state;
    }

    private static final class OwnedSgd extends Sgd {
        private final NDManager owner;

        OwnedSgd(Sgd.Builder builder, NDManager owner) {
            super(builder);
            this.owner = owner;
        }

        @Override
        protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
                                           Function<String, NDArray> create) {
            return owned(super.withDefaultState(state, key, device, create), owner);
        }
    }

    private static final class OwnedAdam extends Adam {
        private final NDManager owner;

        OwnedAdam(Adam.Builder builder, NDManager owner) {
            super(builder);
            this.owner = owner;
        }

        @Override
        protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
                                           Function<String, NDArray> create) {
            return owned(super.withDefaultState(state, key, device, create), owner);
        }
    }

    private static final class OwnedAdamW extends AdamW {
        private final NDManager owner;

        OwnedAdamW(AdamW.Builder builder, NDManager owner) {
            super(builder);
            this.owner = owner;
        }

        @Override
        protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
                                           Function<String, NDArray> create) {
            return owned(super.withDefaultState(state, key, device, create), owner);
        }
    }

    private static void checkRate(String optimizer, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw OptimizerErrors.badArgument(optimizer, "learningRate", "a positive number such as 0.001", learningRate);
        }
    }

    private static void checkDecay(String optimizer, double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw OptimizerErrors.badArgument(optimizer, "weightDecay", "zero or a small positive number such as 0.01",
                    weightDecay);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name()).append("(lr=").append(learningRate);
        if (kind == Kind.SGD && momentum != 0) {
            text.append(", momentum=").append(momentum);
        }
        if (weightDecay != 0) {
            text.append(", weightDecay=").append(weightDecay);
        }
        if (!(schedule instanceof Schedule.Constant)) {
            text.append(", schedule=").append(schedule);
        }
        return text.append(')').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Optimizer o && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}

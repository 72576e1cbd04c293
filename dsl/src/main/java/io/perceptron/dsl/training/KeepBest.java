package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.perceptron.dsl.model.NoGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps track of the best epoch by the monitored metric ({@code val_loss} with validation data,
 * else {@code loss}, or what {@code earlyStopping(patience, monitor)} names): lower is better for
 * a loss, higher for anything else. With early stopping it also keeps a copy of that epoch's
 * weights, to put back when the run stops. The run's {@code bestEpoch()} comes from here, and
 * {@link Checkpointing} and {@link EarlyStopping} ask it whether an epoch improved.
 */
final class KeepBest implements TrainingListener {
    private final String monitor;
    private final boolean lowerIsBetter;
    private final List<Parameter> parameters;
    private final NDManager owner;
    private int epoch;
    private double value = Double.NaN;
    private List<NDArray> snapshot;

    /**
     * @param monitor    the history column that decides
     * @param parameters the weights to copy for each new best epoch, or empty to copy nothing
     * @param owner      the memory the copies live in: the run's, freed when it ends
     */
    KeepBest(String monitor, List<Parameter> parameters, NDManager owner) {
        this.monitor = monitor;
        this.lowerIsBetter = monitor.endsWith("loss");
        this.parameters = parameters;
        this.owner = owner;
    }

    @Override
    public void onEpochEnd(Epoch finished) {
        if (offer(finished.epoch(), finished.metric(monitor)) && !parameters.isEmpty()) {
            remember();
        }
    }

    /** Records {@code candidate} if it beats the best so far; returns whether it did. A NaN never does. */
    boolean offer(int at, double candidate) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        boolean better = Double.isNaN(value) || (lowerIsBetter ? candidate < value : candidate > value);
        if (better) {
            epoch = at;
            value = candidate;
        }
        return better;
    }

    /** The metric this follows. */
    String monitor() {
        return monitor;
    }

    /** The best epoch so far, from 1; 0 before any epoch had a value. */
    int epoch() {
        return epoch;
    }

    /** Whether epoch {@code at} is the best so far, that is, it just improved on every earlier one. */
    boolean improvedAt(int at) {
        return at == epoch;
    }

    /** Puts the best epoch's weights back, when a copy was kept. */
    void restore() {
        if (snapshot == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            NoGradient.copy(snapshot.get(i), parameters.get(i).getArray());
        }
    }

    private void remember() {
        if (snapshot != null) {
            snapshot.forEach(NDArray::close);
        }
        snapshot = new ArrayList<>();
        for (Parameter parameter : parameters) {
            NDArray copy = parameter.getArray().duplicate();
            copy.attach(owner);
            snapshot.add(copy);
        }
    }
}

package io.perceptron.dsl.training;

import io.perceptron.dsl.optimizer.Optimizer;

/**
 * Stops training the moment a batch's loss is NaN or infinite, before that batch touches the
 * weights: the model keeps what it had learned, and the message names the epoch and batch and
 * suggests a learning rate ten times lower. The loop asks it after every forward pass, before
 * the backward pass.
 *
 * <pre>{@code
 * model.fit(data).optimizer(Optimizer.sgd(50.0)).train()
 * // Training stopped: the loss became NaN at epoch 3, batch 12 of 25, ... try one ten times lower, e.g. Optimizer.sgd(5.0) ...
 * }</pre>
 */
final class NanGuard {
    private final Stop stop;
    private final Optimizer optimizer;
    private final int batchesPerEpoch;

    NanGuard(Stop stop, Optimizer optimizer, int batchesPerEpoch) {
        this.stop = stop;
        this.optimizer = optimizer;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    /**
     * Whether batch {@code batch} of epoch {@code epoch}, with loss {@code loss}, may update the
     * weights; if not, the run is stopped with the NaN message.
     */
    boolean allows(float loss, int epoch, int batch) {
        if (Float.isFinite(loss)) {
            return true;
        }
        stop.fail("loss became " + loss + " at epoch " + epoch + ", batch " + batch,
                run -> TrainingErrors.nanLoss(loss, epoch, batch, batchesPerEpoch, optimizer.name(),
                        optimizer.learningRate()));
        return false;
    }
}

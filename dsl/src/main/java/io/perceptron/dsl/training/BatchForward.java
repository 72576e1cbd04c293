package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.NoGradient;

/**
 * Runs a network forward over examples in batches without gradients: validation after each epoch,
 * {@code evaluate}, {@code predict} and confusion matrices all go through here. As in training,
 * each batch's NDArrays live in a sub-manager closed at the end of the batch.
 */
final class BatchForward {
    /** Batch size for prediction and evaluation: no gradients are kept, so large batches are cheap. */
    static final int BATCH = 512;

    private BatchForward() {
    }

    /** What to do with one batch's outputs (and labels, when the data has them). */
    interface BatchAction {
        void accept(NDArray outputs, NDArray labels, int from, int to);
    }

    /**
     * Feeds {@code data} through the model in batches of {@code batchSize}, in order.
     *
     * @param labelType    the label type for {@code labels}, or {@code null} to skip labels
     * @param decoderStart for an encoder-decoder, the class that starts the decoder's input
     *                     (built from the labels); -1 otherwise
     */
    static void forEachBatch(ai.djl.Model djl, NDManager parent, ParameterStore store, Examples data,
                             DataType labelType, int decoderStart, int batchSize, BatchAction action) {
        Batches batches = new Batches(data, batchSize, labelType == null ? DataType.FLOAT32 : labelType, decoderStart);
        int[] order = Batches.identity(data.size());
        try (NoGradient scope = NoGradient.enter()) {
            forEachBatch(djl, parent, store, data, labelType, batchSize, action, batches, order);
        }
    }

    private static void forEachBatch(ai.djl.Model djl, NDManager parent, ParameterStore store, Examples data,
                                     DataType labelType, int batchSize, BatchAction action, Batches batches, int[] order) {
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            try (NDManager batchManager = parent.newSubManager()) {
                NDList inputs = batches.inputs(batchManager, order, from, to);
                NDArray y = labelType == null ? null : batches.labels(batchManager, order, from, to);
                NDArray outputs = djl.getBlock().forward(store, inputs, false).head();
                action.accept(outputs, y, from, to);
            } catch (PerceptronException e) {
                throw e;
            } catch (RuntimeException e) {
                throw TrainingErrors.engineFailed("running the model on " + data.name(), e);
            }
        }
    }

    /** The loss and metrics of the model on {@code data}. */
    static Scores score(ai.djl.Model djl, NDManager parent, ParameterStore store, TrainingData data, Loss loss,
                        int batchSize) {
        Scores scores = new Scores(loss.task(), data.signature().classes());
        forEachBatch(djl, parent, store, data.examples(), loss.labelType(), data.signature().decoderStart(), batchSize,
                (outputs, labels, from, to) -> {
                    try (NDArray value = loss.compute(outputs, labels)) {
                        scores.add(value.getFloat(), outputs, labels, to - from);
                    }
                });
        return scores;
    }

    /** {@link #score} with a store and manager of its own, for use outside a training run. */
    static Scores score(ai.djl.Model djl, TrainingData data, Loss loss, int batchSize) {
        try (NDManager manager = djl.getNDManager().newSubManager()) {
            return score(djl, manager, new ParameterStore(manager, false), data, loss, batchSize);
        }
    }
}

package io.perceptron.dsl.training;

import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.optimizer.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The choices made on a {@link Fit}, as they were made: {@code null}, 0 or empty where the default
 * applies, so the settings line can mark each default. {@code Fit} fills it in, checking each
 * value; {@link Plan} resolves what depends on the data.
 */
final class Settings {
    /** Epochs when {@code epochs(...)} is not called. */
    static final int DEFAULT_EPOCHS = 10;
    /** Batch size when {@code batchSize(...)} is not called. */
    static final int DEFAULT_BATCH_SIZE = 32;

    List<String> features = List.of();
    List<String> labels = List.of();
    Loss loss;
    Optimizer optimizer;
    Integer epochs;
    Integer batchSize;
    double validationSplit;
    TrainingSource validation;
    /** Random unless chosen, and printed either way, so any run can be repeated. */
    long seed = new Random().nextInt(1_000_000);
    boolean seedChosen;
    boolean shuffle = true;
    /** Epochs without improvement before early stopping; 0: no early stopping. */
    int patience;
    /** The metric that decides the best epoch, or {@code null} for {@code val_loss} (or {@code loss}). */
    String monitor;
    Path checkpoint;
    final List<TrainingListener> listeners = new ArrayList<>();
    boolean quiet;
    /** {@code normalize()}: number feature columns to mean 0 and standard deviation 1 (tables). */
    boolean normalize;
    /** {@code augment(...)}: random changes to training pictures. */
    Augmentation augmentation = Augmentation.none();
    /** Engine threads per operation; 0: chosen from the batch's size. */
    int threads;

    int epochs() {
        return epochs != null ? epochs : DEFAULT_EPOCHS;
    }

    int batchSize() {
        return batchSize != null ? batchSize : DEFAULT_BATCH_SIZE;
    }

    Optimizer optimizer() {
        return optimizer != null ? optimizer : Optimizer.adam();
    }
}

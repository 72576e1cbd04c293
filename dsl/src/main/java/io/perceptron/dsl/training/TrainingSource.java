package io.perceptron.dsl.training;

import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Signature;
import java.util.List;

/**
 * Where a fit's examples come from: a table ({@link TableSource}), examples ({@link ExamplesSource})
 * or arrays ({@link ArraysSource}). A source is read twice over a model's life: once to decide the
 * {@link Signature} (which columns, which classes in which order) on the first fit, and then with
 * that signature for validation data, later fits and evaluation, so a class has the same index
 * everywhere. Its {@code toString()} names the data in the settings line ("table moons (1000 rows)").
 *
 * <p>A new kind of data (a folder of images decoded as training goes) is one more implementation:
 * {@link Fit} and {@link Plan} take any source.
 */
interface TrainingSource {

    /**
     * Reads the data for a first fit: the settings and the data decide the signature.
     *
     * @param features the feature columns chosen with {@code features(...)}, empty for the default (tables only)
     * @param labels   the label columns chosen with {@code label(...)}, empty for the default (tables only)
     * @param loss      the loss chosen with {@code loss(...)}, or {@code null} to pick one from the labels
     * @param normalize whether {@code normalize()} was called: number columns to mean 0, std 1 (tables only)
     */
    TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize);

    /** Reads the data the way an earlier fit did, refusing what that fit could not have read (a new class). */
    TrainingData read(Signature signature);
}

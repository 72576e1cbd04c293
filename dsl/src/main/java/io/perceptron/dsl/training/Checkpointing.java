package io.perceptron.dsl.training;

import io.perceptron.dsl.io.SavedModel;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.model.Signature;
import java.nio.file.Path;

/**
 * Saves the parameters after every epoch that improves the monitored metric, so the file always
 * holds the best epoch so far, with what the model is trained on; a crash or an interrupt leaves it
 * in place. Switched on by {@code checkpoint(path)}; load it with {@code model.loadParameters(path)}.
 *
 * <pre>{@code
 * model.fit(train).validationSplit(0.2).checkpoint("best.params").train()
 * Model.sequential().input(2).dense(16).relu().dense(2).loadParameters(Path.of("best.params"))
 * }</pre>
 */
final class Checkpointing implements TrainingListener {
    private final KeepBest best;
    private final Network network;
    private final Signature signature;
    private final Path file;

    /**
     * @param best      the best epoch so far, told of each epoch before this is
     * @param network   the network whose parameters are saved
     * @param signature what it is being trained on (the network remembers it only once the run ends)
     * @param file      the file, replaced at every improvement
     */
    Checkpointing(KeepBest best, Network network, Signature signature, Path file) {
        this.best = best;
        this.network = network;
        this.signature = signature;
        this.file = file;
    }

    @Override
    public void onEpochEnd(Epoch finished) {
        if (best.improvedAt(finished.epoch())) {
            SavedModel.save(network, signature, file);
        }
    }
}

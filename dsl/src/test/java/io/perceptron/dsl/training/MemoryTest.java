package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Native memory is freed batch by batch: the number of NDArrays open under the model's manager
 * is the same after every batch and every epoch, and drops back to the parameters alone when
 * training ends. (Resident memory over 200 epochs is measured by the MemoryCheck program.)
 */
class MemoryTest {

    @Test
    void noBatchLeavesAnArrayBehindAndTheOptimizerStateGoesWithTheRun() {
        Model model = Model.sequential().input(2).dense(16).relu().dropout(0.1).dense(16).relu().dense(2);
        model.djl();
        int parameters = InterruptTest.openArrays(model);
        List<Integer> afterBatches = new ArrayList<>();
        List<Integer> afterEpochs = new ArrayList<>();

        model.fit(Datasets.moons(200, 0.2, 5)).epochs(6).batchSize(16).validationSplit(0.25)
                .optimizer(Optimizer.adam(0.01)).seed(5).quiet()
                .listener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(Batch batch) {
                        afterBatches.add(InterruptTest.openArrays(model));
                    }

                    @Override
                    public void onEpochEnd(Epoch epoch) {
                        afterEpochs.add(InterruptTest.openArrays(model));
                    }
                })
                .train();

        // After the first batch the run holds the parameters and Adam's two moments per parameter.
        int duringRun = afterBatches.get(0);
        assertEquals(3 * parameters, duringRun, "parameters plus Adam's state");
        assertEquals(Set.of(duringRun), Set.copyOf(afterBatches), "the same count after every batch: " + afterBatches);
        assertEquals(Set.of(duringRun), Set.copyOf(afterEpochs), "validation frees its batches too: " + afterEpochs);
        assertEquals(parameters, InterruptTest.openArrays(model), "only the parameters remain after training");
    }

    @Test
    void predictionAndEvaluationFreeWhatTheyMake() {
        Model model = Model.sequential().input(2).dense(8).relu().dense(2);
        var data = Datasets.moons(100, 0.2, 6);
        model.fit(data).epochs(1).quiet().train();
        int before = InterruptTest.openArrays(model);

        model.predict(data);
        model.evaluate(data).confusionMatrix();

        assertEquals(before, InterruptTest.openArrays(model));
    }
}

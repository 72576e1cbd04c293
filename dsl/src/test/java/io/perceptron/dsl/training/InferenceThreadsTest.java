package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.pytorch.jni.JniUtils;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.model.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Prediction and evaluation of a small model run on one engine thread, as training does, and
 * leave the engine's setting as they found it: a second thread spins instead of helping when the
 * machine is busy, which made greedy decoding of 100 sentences take seconds.
 */
class InferenceThreadsTest {

    /** A layer that passes its input through and writes down the engine's thread count each time it runs. */
    private static final class ThreadCountRecorder implements Layer {
        final List<Integer> seen = new ArrayList<>();

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        public long parameterCount(Shape input) {
            return 0;
        }

        @Override
        public Block block(Shape input) {
            return new LambdaBlock(x -> {
                seen.add(JniUtils.getNumThreads());
                return x;
            });
        }
    }

    @Test
    void predictingAndEvaluatingASmallModelUseOneEngineThreadAndPutTheSettingBack() {
        Table moons = Datasets.moons(200, 0.1, 1);
        ThreadCountRecorder recorder = new ThreadCountRecorder();
        Model model = Model.sequential().input(2).dense(8).relu().add(recorder).dense(2);
        model.fit(moons).epochs(1).seed(1).quiet().train();
        int before = Threads.set(2);
        try {
            recorder.seen.clear();
            model.predict(moons);
            model.evaluate(moons);

            assertFalse(recorder.seen.isEmpty());
            assertEquals(List.of(1), recorder.seen.stream().distinct().toList(), "engine threads while running");
            assertEquals(2, JniUtils.getNumThreads(), "engine threads afterwards");
        } finally {
            Threads.set(before);
            model.close();
        }
    }
}

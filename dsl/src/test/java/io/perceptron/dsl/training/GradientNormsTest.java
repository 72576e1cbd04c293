package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** fit(...).gradientNorms(): the gradient's length per layer, measured without changing a weight. */
class GradientNormsTest {
    private static final Table MOONS = Datasets.moons(400, 0.2, 7);

    private static Model deep(String activation) {
        Model model = Model.sequential().input(2);
        for (int i = 0; i < 8; i++) {
            model.dense(32).activation(activation);
        }
        return model.dense(2);
    }

    private static double[] norms(Table table) {
        return table.doubleColumn(GradientNorms.NORM).asDoubleArray();
    }

    @Test
    void aDeepSigmoidStackHasVanishingGradientsNearTheInputAndAReluStackDoesNot() {
        Table sigmoid = deep("sigmoid").fit(MOONS).seed(1).quiet().gradientNorms();
        Table relu = deep("relu").fit(MOONS).seed(1).quiet().gradientNorms();

        assertEquals(List.of("#", "layer", "gradient norm"), sigmoid.columnNames());
        assertEquals(9, sigmoid.rowCount(), "one row per dense layer; activations learn nothing:\n" + sigmoid);
        assertEquals(0, sigmoid.intColumn("#").get(0));
        assertEquals("dense(32)", sigmoid.stringColumn("layer").get(0));
        assertEquals(16, sigmoid.intColumn("#").get(8));
        double[] s = norms(sigmoid);
        double[] r = norms(relu);
        assertTrue(s[0] < s[8] / 1000, "sigmoid: first layer's gradient should vanish next to the last's:\n" + sigmoid);
        assertTrue(r[0] > r[8] / 100, "relu: the first layer's gradient should stay within 100x the last's:\n" + relu);
    }

    @Test
    void theNormIsTheLengthOfTheMeanLossGradientOverEveryBatch() {
        // Logistic regression: d(mean cross-entropy)/dW = sum over examples of (softmax(z) - onehot(y)) x / n.
        Table data = Datasets.moons(50, 0.2, 3);
        Model model = Model.sequential().input(2).dense(2);
        double measured = norms(model.fit(data).seed(5).batchSize(16).quiet().gradientNorms())[0];

        Table weights = model.weights(0);   // rows input 0, input 1, bias; a column per output
        double[][] w = new double[3][2];
        for (int out = 0; out < 2; out++) {
            DoubleColumn column = weights.doubleColumn(out + 1);
            for (int row = 0; row < 3; row++) {
                w[row][out] = column.getDouble(row);
            }
        }
        double[][] gradient = new double[3][2];
        int n = data.rowCount();
        for (int i = 0; i < n; i++) {
            double[] x = {data.doubleColumn("x1").getDouble(i), data.doubleColumn("x2").getDouble(i), 1.0};
            double[] z = new double[2];
            for (int out = 0; out < 2; out++) {
                for (int row = 0; row < 3; row++) {
                    z[out] += x[row] * w[row][out];
                }
            }
            double max = Math.max(z[0], z[1]);
            double sum = Math.exp(z[0] - max) + Math.exp(z[1] - max);
            int label = data.intColumn("label").getInt(i);
            for (int out = 0; out < 2; out++) {
                double dz = (Math.exp(z[out] - max) / sum - (out == label ? 1 : 0)) / n;
                for (int row = 0; row < 3; row++) {
                    gradient[row][out] += dz * x[row];
                }
            }
        }
        double squares = 0;
        for (double[] row : gradient) {
            for (double g : row) {
                squares += g * g;
            }
        }
        assertEquals(Math.sqrt(squares), measured, 1e-5);
    }

    @Test
    void measuringChangesNoWeightAndLeavesNoGradientBehindForTraining() {
        Model measured = Model.sequential().input(2).dense(16).relu().dense(2);
        Model untouched = Model.sequential().input(2).dense(16).relu().dense(2);

        measured.fit(MOONS).seed(11).quiet().gradientNorms();
        TrainingRun a = measured.fit(MOONS).seed(11).epochs(3).quiet().train();
        TrainingRun b = untouched.fit(MOONS).seed(11).epochs(3).quiet().train();

        assertArrayEquals(b.history().doubleColumn("loss").asDoubleArray(),
                a.history().doubleColumn("loss").asDoubleArray(), 1e-6,
                "training after gradientNorms() should be the same as training without it");
    }

    @Test
    void frozenLayersAreLeftOut() {
        Model model = Model.sequential().input(2).dense(16).relu().dense(2);
        model.freeze(0);

        Table norms = model.fit(MOONS).seed(1).quiet().gradientNorms();

        assertEquals(List.of(2), norms.intColumn("#").asList());
    }

    @Test
    void aDecoderIsRefusedWithWhatToDoInstead() {
        Table pairs = Datasets.translations("swedish", 10, 42);
        Vocabulary english = Vocabulary.words(pairs, "english");
        Vocabulary swedish = Vocabulary.words(pairs, "target");
        Model encoder = Model.sequential("english").input(8).embedding(english.size(), 8).lstm(8);
        Model decoder = Model.decoder("swedish", encoder).input(8).embedding(swedish.size(), 8).lstm(8, true)
                .dense(swedish.size());

        PerceptronException e = assertThrows(PerceptronException.class, () -> decoder
                .fit(english.encodePairs(pairs, "english", 8, swedish, "target", 8)).seed(1).quiet().gradientNorms());

        assertEquals("gradientNorms() gives one row per layer of a sequential model, but \"swedish\" is a decoder, "
                + "whose layers and encoder share one block. Measure the encoder as a sequential model of its own, or "
                + "read the gradients from model.djl().block after a backward pass.", e.getMessage());
    }

    @Test
    void theReadmesEightSigmoidLayersGiveTheNormsItQuotes() {
        String section = Readme.section("Training");
        assertTrue(section.contains("repeat(8) { deep.dense(32).sigmoid() }")
                && section.contains("deep.fit(Datasets.moons(600, 0.15, 3)).seed(5).gradientNorms()"), "the example moved");
        assertTrue(section.contains("the first layer's norm is\nabout 4e-5, the last's about 1.1")
                && section.contains("with `relu()` the first keeps about a quarter of the\nlast's"), "the quoted numbers moved");
        Table moons = Datasets.moons(600, 0.15, 3);
        Model sigmoid = Model.sequential().input(2);
        Model relu = Model.sequential().input(2);
        for (int i = 0; i < 8; i++) {
            sigmoid.dense(32).sigmoid();
            relu.dense(32).relu();
        }

        double[] s = norms(sigmoid.dense(2).fit(moons).seed(5).quiet().gradientNorms());
        double[] r = norms(relu.dense(2).fit(moons).seed(5).quiet().gradientNorms());

        assertTrue(s[0] > 3e-5 && s[0] < 5e-5, "first sigmoid layer: about 4e-5, got " + s[0]);
        assertTrue(s[8] > 1.0 && s[8] < 1.2, "last layer: about 1.1, got " + s[8]);
        assertTrue(r[0] / r[8] > 0.2 && r[0] / r[8] < 0.35, "relu: about a quarter, got " + r[0] / r[8]);
    }
}

package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.optimizer.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** model.weights(layer): a dense layer's learned weights as a table named by features and classes. */
class WeightsTest {
    private static final Table PETS = Datasets.dogsVsCones(600, 42);

    private static Model trainedLogisticRegression() {
        Model model = Model.sequential().input(4).dense(2);
        model.fit(PETS).features("orange", "coneShaped", "fur", "size").label("label")
                .optimizer(Optimizer.adam(0.05)).epochs(20).seed(3).quiet().train();
        return model;
    }

    @Test
    void theFirstLayerOfATableModelIsNamedByFeatureAndTheLastByClass() {
        Table weights = trainedLogisticRegression().weights(0);

        assertEquals(List.of("input", "cone", "dog"), weights.columnNames());
        assertEquals(List.of("orange", "coneShaped", "fur", "size", "bias"), weights.stringColumn("input").asList());
        assertTrue(weights.name().contains("dense(2)"), weights.name());
    }

    @Test
    void theTableHoldsTheNumbersTheModelComputesWith() {
        Model model = trainedLogisticRegression();
        Table weights = model.weights(0);
        float[] pet = {1, 0, 1, 0.6f};   // an orange furry dog, 0.6 m tall

        double[] byHand = new double[2];
        for (int out = 0; out < 2; out++) {
            String column = weights.columnNames().get(out + 1);
            byHand[out] = weights.doubleColumn(column).getDouble(4);   // the bias row
            for (int in = 0; in < 4; in++) {
                byHand[out] += pet[in] * weights.doubleColumn(column).getDouble(in);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(pet, new Shape(1, 4));
            float[] logits = model.predict(x).toFloatArray();
            assertEquals(logits[0], byHand[0], 1e-4, "cone score");
            assertEquals(logits[1], byHand[1], 1e-4, "dog score");
        }
    }

    @Test
    void furIsTheFeatureThatPushesHardestTowardsDog() {
        Table weights = trainedLogisticRegression().weights(0);
        List<String> inputs = weights.stringColumn("input").asList();

        double fur = towardsDog(weights, inputs.indexOf("fur"));
        assertTrue(fur > 2, "fur should count clearly for dog, got " + fur);
        for (String other : List.of("orange", "coneShaped", "size")) {
            double weight = towardsDog(weights, inputs.indexOf(other));
            assertTrue(Math.abs(weight) < Math.abs(fur), other + " weighs " + weight + ", fur only " + fur);
        }
    }

    private static double towardsDog(Table weights, int row) {
        return weights.doubleColumn("dog").getDouble(row) - weights.doubleColumn("cone").getDouble(row);
    }

    @Test
    void hiddenLayersAndUntrainedModelsGetNumberedInputsAndUnits() {
        Model model = Model.sequential().input(3).dense(5).relu().dense(2);

        Table hidden = model.weights(0);
        assertEquals(List.of("input 0", "input 1", "input 2", "bias"), hidden.stringColumn("input").asList());
        assertEquals(List.of("input", "unit 0", "unit 1", "unit 2", "unit 3", "unit 4"), hidden.columnNames());

        Table last = model.weights(2);
        assertEquals(6, last.rowCount(), "five inputs from the hidden layer and the bias");
        assertEquals(List.of("input", "unit 0", "unit 1"), last.columnNames());
    }

    @Test
    void aLayerWithoutWeightsIsRefusedNamingTheDenseLayers() {
        Model model = Model.sequential().input(3).dense(5).relu().dense(2);

        PerceptronException error = assertThrows(PerceptronException.class, () -> model.weights(1));

        assertTrue(error.getMessage().contains("layer #1 of model \"sequential\" is relu"), error.getMessage());
        assertTrue(error.getMessage().contains("Its dense layers: #0 dense(5), #2 dense(2)."), error.getMessage());
        assertTrue(Readme.section("Training").contains(error.getMessage()), "the README quotes: " + error.getMessage());
    }

    @Test
    void aLayerNumberOutOfRangeIsRefusedWithTheRange() {
        Model model = Model.sequential().input(3).dense(5).relu().dense(2);

        PerceptronException error = assertThrows(PerceptronException.class, () -> model.weights(3));

        assertTrue(error.getMessage().contains("has no layer #3: it has 3 layers, #0 to #2"), error.getMessage());
        assertTrue(error.getMessage().contains("#0 dense(5), #2 dense(2)"), error.getMessage());
    }
}

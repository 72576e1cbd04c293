package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every mistake gets a PerceptronException whose message names the problem and the fix. */
class TrainingErrorsTest {
    private static final Table MOONS = Datasets.moons(100, 0.1, 1);

    private static Model mlp() {
        return Model.sequential().input(2).dense(8).relu().dense(2);
    }

    private static String messageOf(Executable action) {
        return assertThrows(PerceptronException.class, action).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void anUnknownFeatureColumnListsTheColumnsThatExist() {
        String message = messageOf(() -> mlp().fit(MOONS).features("x1", "x9").quiet().train());

        assertEquals("Unknown column 'x9' in table 'moons'. The table has: x1, x2, label. Pass one of those names to features(...).",
                message);
    }

    @Test
    void anUnknownLabelColumnListsTheColumnsThatExist() {
        String message = messageOf(() -> mlp().fit(MOONS).label("class").quiet().train());

        assertEquals("Unknown column 'class' in table 'moons'. The table has: x1, x2, label. Pass one of those names to label(...).",
                message);
    }

    @Test
    void aTableWithoutALabelColumnAsksWhichColumnIsTheLabel() {
        Table points = MOONS.copy().removeColumns("label").addColumns(IntColumn.create("y", new int[MOONS.rowCount()]));

        String message = messageOf(() -> mlp().fit(points).quiet().train());

        assertMentions(message, "Which column is the label?", "no column called 'label'", "x1, x2, y", ".label(\"...\")");
    }

    @Test
    void aLabelWithOneClassSaysThereIsNothingToTellApart() {
        Table allZero = MOONS.copy();
        allZero.replaceColumn("label", IntColumn.create("label", new int[MOONS.rowCount()]));

        String message = messageOf(() -> mlp().fit(allZero).quiet().train());

        assertMentions(message, "The label 'label' has only one class ('0') in all 100 rows", "at least two different label values");
    }

    @Test
    void aTextFeatureBecomesOneInputPerCategoryAndTheModelMustTakeThatMany() {
        String[] colours = new String[MOONS.rowCount()];
        for (int i = 0; i < colours.length; i++) colours[i] = i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue";
        Table withText = MOONS.copy().addColumns(StringColumn.create("colour", colours));

        String message = messageOf(() -> mlp().fit(withText).features("x1", "colour").quiet().train());

        assertMentions(message, "the 2 feature columns (x1, colour) make 4 inputs, each text column one 0/1 input per"
                + " category: x1, colour=blue, colour=green, colour=red", "Change the model to input(4)");
    }

    @Test
    void missingFeatureValuesSayWhereTheFirstOneIsAndHowToFixThem() {
        Table gappy = MOONS.copy();
        gappy.doubleColumn("x2").setMissing(7);

        String message = messageOf(() -> mlp().fit(gappy).quiet().train());

        assertMentions(message, "Column 'x2' of table 'moons' has 1 missing value (the first in row 7)",
                "table.dropWhere(table.column(\"x2\").isMissing())", "setMissingTo(");
    }

    @Test
    void aModelWithoutInputShapeCannotBeTrained() {
        String message = messageOf(() -> Model.sequential().dense(2).fit(MOONS).quiet().train());

        assertMentions(message, "The model's input shape is unknown", "Start it with input(...)");
    }

    @Test
    void anInputSizeThatDiffersFromTheFeatureCountSaysWhichIsWhich() {
        Model threeInputs = Model.sequential().input(3).dense(8).relu().dense(2);

        String message = messageOf(() -> threeInputs.fit(MOONS).quiet().train());

        assertEquals("The model takes 3 numbers per example (input(3)) but 2 feature columns were chosen: x1, x2. "
                + "Choose 3 columns with features(...) or change the model to input(2).", message);
    }

    @Test
    void anOutputSizeThatDiffersFromTheClassCountSaysHowToEndTheModel() {
        Model threeOutputs = Model.sequential().input(2).dense(8).relu().dense(3);

        String message = messageOf(() -> threeOutputs.fit(MOONS).quiet().train());

        assertMentions(message, "The model outputs 3 numbers per example but the label 'label' has classes [0, 1]",
                "End the model with dense(2)");
    }

    @Test
    void aLossThatBecomesNanStopsTrainingNamingEpochBatchAndALowerLearningRate() {
        double[] x = new double[64];
        double[] y = new double[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 1000.0 * i;
        }
        Table steep = Table.create("steep", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
        Model model = Model.sequential().input(1).dense(1);

        String message = messageOf(() -> model.fit(steep).label("y").optimizer(Optimizer.sgd(10.0)).epochs(5)
                .batchSize(8).quiet().train());

        assertMentions(message, "Training stopped: the loss became", "at epoch 1, batch ", " of 8",
                "learning rate (10.0) is too high", "Optimizer.sgd(1.0)");
    }

    @Test
    void aRegressionLossOnTextLabelsSuggestsCrossEntropy() {
        Table pets = Datasets.dogsVsCones(20, 1);

        String message = messageOf(() -> Model.sequential().input(4).dense(1).fit(pets).loss(Loss.mse()).quiet().train());

        assertMentions(message, "mse() predicts numbers, but the label 'label' holds string values",
                "For classes use Loss.crossEntropy()");
    }

    @Test
    void binaryCrossEntropyOnLabelsOtherThanZeroOrOneIsRefused() {
        Table spirals = Datasets.spirals(30, 3, 0.05, 1);

        String message = messageOf(() -> Model.sequential().input(2).dense(1).fit(spirals)
                .loss(Loss.binaryCrossEntropy()).quiet().train());

        assertMentions(message, "binaryCrossEntropy() needs labels that are 0 or 1", "'label' holds 2");
    }

    @Test
    void validationDataWithAnUnseenClassNamesTheClass() {
        Table other = MOONS.copy();
        other.replaceColumn("label", IntColumn.create("label", new int[MOONS.rowCount()]).set(0, 5));

        String message = messageOf(() -> mlp().fit(MOONS).validation(other).quiet().train());

        assertMentions(message, "The label 'label' holds '5', a class the model was not trained on", "It knows: 0, 1");
    }

    @Test
    void settingsOutOfRangeSayWhatTheyNeed() {
        assertEquals("epochs(...) needs at least 1, received 0.", messageOf(() -> mlp().fit(MOONS).epochs(0)));
        assertEquals("batchSize(...) needs at least 1, received -4.", messageOf(() -> mlp().fit(MOONS).batchSize(-4)));
        assertEquals("validationSplit(...) needs a fraction from 0 up to (not including) 1, received 1.0.",
                messageOf(() -> mlp().fit(MOONS).validationSplit(1.0)));
        assertMentions(messageOf(() -> mlp().fit(MOONS.first(3)).validationSplit(0.1).quiet().train()),
                "validationSplit(0.1) of 3 examples leaves no validation examples");
    }

    @Test
    void earlyStoppingOnAMetricTheRunDoesNotRecordListsTheOnesItDoes() {
        String message = messageOf(() -> mlp().fit(MOONS).earlyStopping(3, "val_f1").quiet().train());

        assertEquals("This run does not record 'val_f1'. It records: loss, accuracy.", message);
    }

    @Test
    void predictingBeforeTrainingAsksForTrainingFirst() {
        String message = messageOf(() -> mlp().predict(MOONS));

        assertMentions(message, "predict(table) needs a model that has been trained (or loaded)", "Call model.fit(data)");
    }

    @Test
    void accuracyOfARegressionModelPointsToTheLoss() {
        Table line = Table.create("line", DoubleColumn.create("x", new double[] {0, 1, 2, 3}),
                DoubleColumn.create("y", new double[] {1, 3, 5, 7}));
        Model model = Model.sequential().input(1).dense(1);
        model.fit(line).label("y").epochs(1).quiet().train();

        String message = messageOf(() -> model.evaluate(line).accuracy());

        assertMentions(message, "Accuracy is measured for class labels", "mse()", "Look at loss() instead");
    }
}

package io.perceptron.dsl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** model.save(folder) and Model.load(folder): a whole model in a folder, loaded back predicting the same. */
class SavedFolderTest {
    @TempDir
    Path temp;

    /** Points whose class depends on a text column and two numbers on scales 1 and 10,000. */
    static Table mixed(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        String[] shop = new String[n];
        double[] small = new double[n];
        double[] large = new double[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            shop[i] = List.of("north", "south", "east").get(random.nextInt(3));
            small[i] = random.nextDouble();
            large[i] = 10_000 * random.nextDouble();
            double score = small[i] - large[i] / 10_000 + (shop[i].equals("east") ? 0.5 : 0);
            label[i] = score > 0.25 ? "buy" : "wait";
        }
        return Table.create("mixed", StringColumn.create("shop", shop), DoubleColumn.create("small", small),
                DoubleColumn.create("large", large), StringColumn.create("label", label));
    }

    @Test
    void aSavedFolderHoldsReadableFilesAndLoadsIntoAModelThatPredictsTheSame() throws IOException {
        Table data = mixed(400, 1);
        Model model = Model.sequential("shops").input(5).dense(8).relu().dense(2);
        model.fit(data).features("shop", "small", "large").label("label").normalize().epochs(5).seed(1).quiet().train();
        Path folder = temp.resolve("shops-model");
        model.save(folder);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("architecture.json", "inputs.json", "weights.params"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String architecture = Files.readString(folder.resolve("architecture.json"));
        assertTrue(architecture.contains("\"layer\": \"dense\",\n      \"units\": 8"), architecture);
        String inputs = Files.readString(folder.resolve("inputs.json"));
        assertTrue(inputs.contains("\"north\"") && inputs.contains("\"mean\"") && inputs.contains("\"buy\""), inputs);

        Model loaded = Model.load(folder);
        assertEquals(model.toString(), loaded.toString());
        Table before = model.predict(data);
        Table after = loaded.predict(data);
        assertEquals(before.stringColumn("predicted").asList(), after.stringColumn("predicted").asList());
        assertArrayEquals(before.doubleColumn("p_buy").asDoubleArray(), after.doubleColumn("p_buy").asDoubleArray(), 1e-6);
        assertEquals(model.inputEncoding().toString(), loaded.inputEncoding().toString());
        model.close();
        loaded.close();
    }

    @Test
    void partsResidualBlocksAndConvolutionsComeBackWithTheirWeights() {
        Model features = Model.sequential("features").input(1, 8, 8).conv2d(4, 3, 1, 1).relu().maxPool(2).flatten();
        Model model = Model.sequential("net").input(1, 8, 8).add(features)
                .residual(body -> body.dense(64).relu().dense(64)).dropout(0.1).dense(3);
        Examples images = Datasets.dogsVsConesImages(40, 12, 3);
        NDArray x = Tensors.random(new ai.djl.ndarray.types.Shape(5, 1, 8, 8), 4);
        NDArray before = model.predict(x);
        model.save(temp.resolve("net"));
        Model loaded = Model.load(temp.resolve("net"));
        assertEquals(model.toString(), loaded.toString());
        assertArrayEquals(before.toFloatArray(), loaded.predict(x).toFloatArray(), 1e-6f);
        assertTrue(images.size() > 0);
        model.close();
        loaded.close();
    }

    @Test
    void savingOverAnEarlierSaveReplacesItWholeAndNeverTouchesAFolderThatIsNotAModel() throws IOException {
        Path folder = temp.resolve("m");
        Model first = Model.sequential("first").input(2).dense(3);
        first.save(folder);
        Model second = Model.sequential("second").input(2).dense(4).dense(2);
        second.save(folder);
        assertEquals("second", Model.load(folder).name());
        try (Stream<Path> siblings = Files.list(temp)) {
            assertEquals(List.of("m"), siblings.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
        Path photos = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(photos.resolve("cat.jpg"), "precious");
        PerceptronException refused = assertThrows(PerceptronException.class, () -> second.save(photos));
        assertEquals(photos + " exists and is not a saved model (it has no architecture.json), so model.save would not"
                + " replace it. Choose another folder, or remove it first.", refused.getMessage());
        assertEquals("precious", Files.readString(photos.resolve("cat.jpg")));
    }

    @Test
    void aLayerThatCannotBeWrittenDownStopsTheSaveBeforeAnyFileIsWritten() {
        Layer own = new Layer() {
            @Override
            public ai.djl.ndarray.types.Shape outputShape(ai.djl.ndarray.types.Shape input) {
                return input;
            }

            @Override
            public long parameterCount(ai.djl.ndarray.types.Shape input) {
                return 0;
            }

            @Override
            public ai.djl.nn.Block block(ai.djl.ndarray.types.Shape input) {
                return ai.djl.nn.Blocks.identityBlock();
            }

            @Override
            public String toString() {
                return "mine";
            }
        };
        Model model = Model.sequential().input(2).add(own).dense(2);
        PerceptronException e = assertThrows(PerceptronException.class, () -> model.save(temp.resolve("own")));
        assertTrue(e.getMessage().startsWith("Layer mine ("), e.getMessage());
        assertFalse(Files.exists(temp.resolve("own")));
    }

    @Test
    void loadingSomethingThatIsNotASavedModelNamesTheFile() throws IOException {
        PerceptronException missing = assertThrows(PerceptronException.class, () -> Model.load(temp.resolve("none")));
        assertTrue(missing.getMessage().startsWith("There is no saved model at " + temp.resolve("none")),
                missing.getMessage());
        Path plain = Files.createDirectories(temp.resolve("plain"));
        PerceptronException notModel = assertThrows(PerceptronException.class, () -> Model.load(plain));
        assertEquals(plain + " is not a complete saved model: it has no architecture.json. Pass a folder written by"
                + " model.save(folder), or save the model again.", notModel.getMessage());

        Path folder = temp.resolve("model");
        Model.sequential("m").input(2).dense(2).save(folder);
        Files.writeString(folder.resolve("architecture.json"), "{\"format\": \"perceptron-model\", \"version\": 1, \"name\": ");
        PerceptronException damaged = assertThrows(PerceptronException.class, () -> Model.load(folder));
        assertTrue(damaged.getMessage().startsWith("Could not load the saved model: " + folder.resolve("architecture.json")
                + " is damaged"), damaged.getMessage());

        Model.sequential("m").input(2).dense(2).save(folder);
        Files.write(folder.resolve("weights.params"), new byte[] {1, 2, 3});
        PerceptronException weights = assertThrows(PerceptronException.class, () -> Model.load(folder));
        assertTrue(weights.getMessage().contains(folder.resolve("weights.params").toString()), weights.getMessage());

        Model.sequential("m").input(2).dense(2).save(folder);
        Files.delete(folder.resolve("weights.params"));
        PerceptronException noWeights = assertThrows(PerceptronException.class, () -> Model.load(folder));
        assertTrue(noWeights.getMessage().contains("it has no weights.params"), noWeights.getMessage());
    }

    @Test
    void theWeightsOfAFolderAlsoLoadIntoAModelBuiltTheSameWay() {
        Model model = Model.sequential("m").input(3).dense(4).relu().dense(2);
        NDArray x = Tensors.random(new ai.djl.ndarray.types.Shape(4, 3), 9);
        float[] before = model.predict(x).toFloatArray();
        model.save(temp.resolve("m"));
        Model rebuilt = Model.sequential("m").input(3).dense(4).relu().dense(2).loadParameters(temp.resolve("m"));
        assertArrayEquals(before, rebuilt.predict(x).toFloatArray(), 1e-6f);
    }
}

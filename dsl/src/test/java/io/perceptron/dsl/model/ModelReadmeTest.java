package io.perceptron.dsl.model;

import io.perceptron.dsl.Readme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The "Models" section of dsl/README.md, cell by cell in Java: what the README shows or quotes is
 * what the code does.
 */
class ModelReadmeTest {

    private static String readme() {
        return Readme.section("Models");
    }

    @Test
    void theQuickStartPrintsTheSummaryShownInTheReadme() throws IOException {
        Model model = Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2);
        assertEquals(354, model.parameterCount());
        String text = readme();
        int start = text.indexOf("```\n", text.indexOf("`summary()` has one row per layer")) + 4;
        String shown = text.substring(start, text.indexOf("```", start));
        assertEquals(shown.strip(), model.summary().printAll().strip());
        assertTrue(text.contains("// " + model), "the README quotes toString()");
    }

    @Test
    void theQuotedMessagesAreTheRealOnes() throws IOException {
        String text = readme().replaceAll("\\n// ", " ");
        String notFitting = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(1, 28, 28).conv2d(8, 3).dense(10)).getMessage();
        assertTrue(text.contains(notFitting), notFitting);
        String noInput = assertThrows(PerceptronException.class, () -> Model.sequential().dense(2).summary())
                .getMessage();
        assertTrue(text.contains(noInput.substring(0, noInput.indexOf(", input(1, 28, 28)"))), noInput);
        String dense0 = assertThrows(PerceptronException.class, () -> Model.sequential().input(2).dense(0))
                .getMessage();
        assertTrue(text.contains(dense0), dense0);
    }

    @Test
    void theArchitectureTableQuotesTheRealCounts() throws Exception {
        Matcher row = Pattern.compile("\\| `Architectures\\.(\\w+)\\(\\)` \\|[^|]*\\| ([\\d,]+) \\|").matcher(readme());
        int rows = 0;
        while (row.find()) {
            Model model = (Model) Architectures.class.getMethod(row.group(1)).invoke(null);
            assertEquals(Long.parseLong(row.group(2).replace(",", "")), model.parameterCount(), row.group(1));
            rows++;
        }
        assertEquals(6, rows);
    }

    @Test
    void thePartsExampleFreezesTheFeaturesUnderANewHead() {
        Model features = Model.sequential("features").input(1, 16, 16).conv2d(8, 3).relu().maxPool(2).flatten();
        Model dogsOrCones = Model.sequential().input(1, 16, 16).add(features).dense(2);
        features.freeze();
        Model fewLabels = Model.sequential().input(1, 16, 16).add(features).dense(3);
        Table summary = fewLabels.summary();
        assertEquals("model \"features\" (4 layers), frozen", summary.stringColumn("layer").get(1));
        // (8, 7, 7) flattened = 392 features, x 3 + 3
        assertEquals(392 * 3 + 3, fewLabels.trainableParameterCount());
        assertEquals(new Shape(2), dogsOrCones.outputShape());

        Model net = Model.sequential().input(1, 16, 16).conv2d(8, 3).relu().maxPool(2).flatten().dense(2);
        Model transfer = Model.sequential().input(1, 16, 16).add(net.first(4).freeze()).dense(3);
        assertEquals(392 * 3 + 3, transfer.trainableParameterCount());
    }

    @Test
    void theEncoderDecoderDesignsOfNotebooksTenAndElevenBuild() {
        Model encoder = Model.sequential("english").input(20).embedding(40, 32).lstm(64);
        Model swedish = Model.decoder("swedish", encoder).input(24).embedding(45, 32).lstm(64, true).dense(45);
        encoder.freeze();
        Model spanish = Model.decoder("spanish", encoder).input(24).embedding(42, 32).lstm(64, true).dense(42);
        assertEquals(new Shape(24, 45), swedish.outputShape());
        assertEquals(new Shape(24, 42), spanish.outputShape());
        Table summary = spanish.summary();
        assertEquals("encoder", summary.stringColumn("#").get(0));
        assertEquals("model \"english\" (2 layers), frozen", summary.stringColumn("layer").get(0));
        assertEquals("(64)", summary.stringColumn("output shape").get(0));

        Model tEncoder = Model.sequential("english").input(20).embedding(40, 64).positionalEmbedding(20)
                .transformerEncoder(4, 128).transformerEncoder(4, 128);
        Model tSwedish = Model.decoder(tEncoder).input(24).embedding(45, 64).positionalEmbedding(24)
                .transformerDecoder(4, 128).transformerDecoder(4, 128).dense(45);
        assertEquals(new Shape(24, 45), tSwedish.outputShape());
        assertEquals(List.of(new Shape(20), new Shape(24)), tSwedish.inputShapes());
    }
}

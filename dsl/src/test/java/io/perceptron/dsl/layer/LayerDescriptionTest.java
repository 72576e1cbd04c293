package io.perceptron.dsl.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.perceptron.dsl.PerceptronException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerDescriptionTest {

    private record Case(Layer layer, Shape input) {
    }

    private static List<Case> everyKind() {
        Shape vector = new Shape(8);
        Shape image = new Shape(3, 12, 12);
        Shape tokens = new Shape(6);
        Shape sequence = new Shape(6, 8);
        return List.of(
                new Case(Layers.dense(5), vector),
                new Case(Layers.relu(), vector), new Case(Layers.sigmoid(), vector), new Case(Layers.tanh(), vector),
                new Case(Layers.gelu(), vector), new Case(Layers.softmax(), vector), new Case(Layers.identity(), vector),
                new Case(Layers.binaryStep(), vector), new Case(Layers.leakyRelu(0.2), vector),
                new Case(Layers.dropout(0.25), vector),
                new Case(Layers.batchNorm(), image), new Case(Layers.layerNorm(), sequence),
                new Case(Layers.layerNorm(1e-12), sequence), new Case(Layers.unitNormalization(), vector),
                new Case(Layers.flatten(), image), new Case(Layers.reshape(12, 12, 3), image),
                new Case(Layers.upsample(2), image),
                new Case(Layers.conv2d(4, 3, 2, 1), image),
                new Case(Layers.maxPool(2, 2), image), new Case(Layers.avgPool(3, 1), image),
                new Case(Layers.adaptiveAvgPool(2, 3), image), new Case(Layers.globalAvgPool(), image),
                new Case(Layers.embedding(20, 8), tokens), new Case(Layers.maskedEmbedding(20, 8), tokens),
                new Case(Layers.positionalEmbedding(10), sequence), new Case(Layers.tokenTypeEmbedding(2), sequence),
                new Case(Layers.lstm(7, true), sequence), new Case(Layers.gru(7, false), sequence),
                new Case(Layers.simpleRnn(3, false), sequence),
                new Case(Layers.multiHeadAttention(2, true), sequence),
                new Case(Layers.transformerEncoder(2, 16).preNorm().causal().dropout(0.0).activation("relu"), sequence),
                new Case(Layers.transformerDecoder(2, 16), sequence),
                new Case(Layers.transformerEncoder(2, 16).layerNormEpsilon(1e-12), sequence),
                new Case(Layers.firstToken(), sequence),
                new Case(Layers.residual(List.of(Layers.dense(8), Layers.relu(), Layers.dense(8))), vector));
    }

    @Test
    void everyLayerWrittenAsJsonAndReadBackIsTheSameLayer() {
        for (Case c : everyKind()) {
            String json = c.layer().describe().toJson();
            Layer again = Layers.from(LayerDescription.fromJson(json));
            assertEquals(c.layer().toString(), again.toString(), json);
            assertEquals(json, again.describe().toJson());
            if (!c.layer().toString().startsWith("transformerDecoder")) {
                assertEquals(c.layer().outputShape(c.input()), again.outputShape(c.input()), json);
                assertEquals(c.layer().parameterCount(c.input()), again.parameterCount(c.input()), json);
            }
        }
    }

    @Test
    void theJsonReadsAsTheCallThatMakesTheLayer() {
        assertEquals("{\"layer\":\"conv2d\",\"filters\":4,\"kernel\":3,\"stride\":2,\"padding\":1}",
                Layers.conv2d(4, 3, 2, 1).describe().toJson());
        assertEquals("{\"layer\":\"residual\",\"layers\":[{\"layer\":\"dense\",\"units\":8},{\"layer\":\"relu\"}]}",
                Layers.residual(List.of(Layers.dense(8), Layers.relu())).describe().toJson());
    }

    @Test
    void aLayerOfYourOwnAnUnknownNameAndAMissingSettingAreExplained() {
        Layer own = new Layer() {
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
                return null;
            }

            @Override
            public String toString() {
                return "mine";
            }
        };
        PerceptronException notSaved = assertThrows(PerceptronException.class, own::describe);
        assertTrue(notSaved.getMessage().startsWith("Layer mine (") && notSaved.getMessage()
                .contains("cannot be written down, so a model holding it cannot be saved as a folder"), notSaved.getMessage());
        PerceptronException unknown = assertThrows(PerceptronException.class,
                () -> Layers.from(LayerDescription.fromJson("{\"layer\":\"dense2\",\"units\":3}")));
        assertEquals("The layer description {\"layer\":\"dense2\",\"units\":3.0} names an unknown layer 'dense2'. Known"
                + " layers are the calls of Layers (dense, conv2d, lstm, ...); a model saved by a newer Perceptron may"
                + " use layers this one lacks.", unknown.getMessage());
        PerceptronException lacking = assertThrows(PerceptronException.class,
                () -> Layers.from(LayerDescription.fromJson("{\"layer\":\"dense\"}")));
        assertTrue(lacking.getMessage().contains("lacks a whole number 'units'"), lacking.getMessage());
    }
}

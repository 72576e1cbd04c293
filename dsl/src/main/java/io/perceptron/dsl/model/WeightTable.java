package io.perceptron.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A dense layer's learned weights as a table, named in the user's terms where the model knows
 * them: one row per input (the feature columns, for the first layer of a model trained on a
 * table) and a last {@code bias} row; one column per output (the classes, for the last layer of
 * a classifier). Usually reached through {@code model.weights(layer)}.
 *
 * <pre>{@code
 * val model = Model.sequential().input(4).dense(2)
 * model.fit(Datasets.dogsVsCones(500, 42)).train()
 * model.weights(0)        // input | cone | dog ; orange, coneShaped, fur, size, bias
 * model.weights(1)        // fails: layer #1 does not exist; model.weights(0) is dense(2)
 * }</pre>
 */
final class WeightTable {
    /** The name of the column that names each row (an input, or the bias). */
    static final String INPUT_COLUMN = "input";
    /** The name of the row holding each output's bias. */
    static final String BIAS_ROW = "bias";

    private WeightTable() {
    }

    /**
     * The weights of layer {@code layer} (its {@code #} in {@code summary()}), which must be a
     * {@code dense(...)} layer, as they are now: a copy, which later training does not change.
     * Row {@code i}, column {@code j} holds how much input {@code i} adds to output {@code j}'s
     * weighted sum; so output {@code j} = bias + Σ input·weight, read down column {@code j}.
     */
    static Table of(Network model, int layer) {
        List<Block> blocks = layerBlocks(model);
        if (layer < 0 || layer >= blocks.size()) {
            throw ModelErrors.noLayerForWeights(model.name(), layer, blocks.size(), denseLayers(model, blocks));
        }
        Block block = blocks.get(layer);
        if (!(block instanceof Linear)) {
            throw ModelErrors.layerHasNoWeightTable(model.name(), layer, model.layers().get(layer).toString(),
                    denseLayers(model, blocks));
        }
        NDArray weight = block.getParameters().get("weight").getArray();   // (outputs, inputs), as PyTorch
        NDArray bias = block.getParameters().get("bias").getArray();
        int outputs = Math.toIntExact(weight.getShape().get(0));
        int inputs = Math.toIntExact(weight.getShape().get(1));
        float[] weights = weight.toFloatArray();
        float[] biases = bias.toFloatArray();

        Signature signature = model.signature();
        List<String> rowNames = inputNames(signature, layer, inputs);
        rowNames.add(BIAS_ROW);
        Table table = Table.create("weights of layer #" + layer + ", " + model.layers().get(layer),
                StringColumn.create(INPUT_COLUMN, rowNames));
        List<String> columnNames = outputNames(signature, layer == blocks.size() - 1, outputs);
        for (int out = 0; out < outputs; out++) {
            double[] column = new double[inputs + 1];
            for (int in = 0; in < inputs; in++) {
                column[in] = weights[out * inputs + in];
            }
            column[inputs] = biases[out];
            table.addColumns(DoubleColumn.create(columnNames.get(out), column));
        }
        return table;
    }

    /** The built DJL block of every layer, in the order of summary()'s '#' column. */
    private static List<Block> layerBlocks(Network model) {
        Block whole = model.djl().getBlock();
        if (!(whole instanceof SequentialBlock)) {
            // A decoder's block holds its encoder too, so its children are not numbered by layer.
            throw ModelErrors.weightsOfDecoder(model.name());
        }
        List<Block> blocks = new ArrayList<>();
        whole.getChildren().forEach(child -> blocks.add(child.getValue()));
        return blocks;
    }

    /** The feature columns name the first layer's inputs; anything else gets numbered inputs. */
    private static List<String> inputNames(Signature signature, int layer, int inputs) {
        if (layer == 0 && signature != null && signature.features().size() == inputs) {
            return new ArrayList<>(signature.features());
        }
        return numbered("input ", inputs);
    }

    /** The classes (or label columns) name the last layer's outputs when there is one per output. */
    private static List<String> outputNames(Signature signature, boolean lastLayer, int outputs) {
        if (lastLayer && signature != null) {
            List<String> names = signature.classes().isEmpty() ? signature.labels() : signature.classes();
            if (names.size() == outputs && names.stream().noneMatch(INPUT_COLUMN::equalsIgnoreCase)) {
                return names;
            }
        }
        return numbered("unit ", outputs);
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** "#0 dense(8), #2 dense(2)": the layers whose weights can be shown, for the error messages. */
    private static List<String> denseLayers(Network model, List<Block> blocks) {
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Linear) {
                dense.add("#" + i + " " + model.layers().get(i));
            }
        }
        return dense;
    }
}

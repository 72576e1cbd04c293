package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Adds a learned vector to every step of a sequence: the vector of the step's position (positional
 * embedding), or the vector of segment 0 (token-type embedding, as BERT does for a single
 * sentence).
 */
final class AddedEmbeddingBlock extends AbstractBlock {
    private final Layer layer;
    private final boolean byPosition;
    private final long rows;
    private final Parameter weight;

    AddedEmbeddingBlock(Layer layer, boolean byPosition, long rows, long dimension) {
        this.layer = layer;
        this.byPosition = byPosition;
        this.rows = rows;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dimension)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray table = parameterStore.getValue(weight, x.getDevice(), training);
        if (!byPosition) {
            return new NDList(x.add(table.get(0)));
        }
        long steps = x.getShape().get(1);
        if (steps > rows) {
            throw LayerErrors.sequenceTooLong(layer, steps, rows);
        }
        return new NDList(x.add(table.get("0:{}", steps)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}

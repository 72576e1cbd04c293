package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Looks up a learned vector per token id. DJL's own embeddings map Java objects (words) to
 * vectors; our inputs are already ids, often stored as floats by the data pipeline.
 */
final class EmbeddingBlock extends AbstractBlock {
    private final Layer layer;
    private final long vocabularySize;
    private final long dimension;
    private final Parameter weight;

    EmbeddingBlock(Layer layer, long vocabularySize, long dimension) {
        this.layer = layer;
        this.vocabularySize = vocabularySize;
        this.dimension = dimension;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabularySize, dimension)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.head();
        if (ids.getDataType() != DataType.INT64) {
            ids = ids.toType(DataType.INT64, false);
        }
        checkRange(ids);
        NDArray table = parameterStore.getValue(weight, ids.getDevice(), training);
        return Embedding.embedding(ids, table, SparseFormat.DENSE);
    }

    /** Turns the engine's bare index error into one that names the vocabulary size. */
    private void checkRange(NDArray ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (NDArray max = ids.max(); NDArray min = ids.min()) {
            long largest = max.getLong();
            long smallest = min.getLong();
            if (largest >= vocabularySize || smallest < 0) {
                throw LayerErrors.tokenIdOutOfRange(layer, largest >= vocabularySize ? largest : smallest,
                        vocabularySize);
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dimension)};
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}

package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Runs one DJL recurrent block batch-first and gives back either every step's output or only the
 * last one. An optional second input (an encoder's meaning vector, shaped (batch, units)) becomes
 * the initial hidden state, which is how a decoder starts from what the encoder read.
 */
final class RecurrentLayerBlock extends AbstractBlock {
    private final Layer layer;
    private final RecurrentBlock cell;
    private final long units;
    private final boolean returnSequences;

    RecurrentLayerBlock(Layer layer, RecurrentBlock cell, long units, boolean returnSequences) {
        this.layer = layer;
        this.cell = addChildBlock("cell", cell);
        this.units = units;
        this.returnSequences = returnSequences;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList cellInputs = new NDList(inputs.head());
        if (inputs.size() > 1) {
            // DJL expects states shaped (layers x directions, batch, units): one layer, one direction.
            cellInputs.add(inputs.get(1).expandDims(0));
        }
        NDArray steps = cell.forward(parameterStore, cellInputs, training, params).head();
        return new NDList(returnSequences ? steps : steps.get(":, -1, :"));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        cell.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {returnSequences ? new Shape(input.get(0), input.get(1), units) : new Shape(input.get(0), units)};
    }

    @Override
    public String toString() {
        return layer.toString();
    }
}

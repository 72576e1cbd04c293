package io.perceptron.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * An encoder followed by a decoder's stack. Inputs: the source sequence, then the decoder's own
 * input (the target so far). The encoder's output, the context, goes as a second input to every
 * decoder layer that reads it (recurrent layers start from it, transformer decoder layers attend to
 * it); the other layers see only the running output.
 */
final class DecoderBlock extends AbstractBlock {
    private final Block encoder;
    private final List<Block> layers;
    private final boolean[] readsContext;

    DecoderBlock(Block encoder, List<Block> layers, boolean[] readsContext) {
        this.encoder = addChildBlock("encoder", encoder);
        for (Block layer : layers) {
            addChildBlock(layer.getClass().getSimpleName(), layer);
        }
        this.layers = List.copyOf(layers);
        this.readsContext = readsContext.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray context = encoder.forward(parameterStore, new NDList(inputs.get(0)), training, params).head();
        NDArray x = inputs.get(1);
        for (int i = 0; i < layers.size(); i++) {
            NDList in = readsContext[i] ? new NDList(x, context) : new NDList(x);
            x = layers.get(i).forward(parameterStore, in, training, params).head();
        }
        return new NDList(x);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0]);
        Shape context = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape x = inputShapes[1];
        for (int i = 0; i < layers.size(); i++) {
            Shape[] in = readsContext[i] ? new Shape[] {x, context} : new Shape[] {x};
            layers.get(i).initialize(manager, dataType, in);
            x = layers.get(i).getOutputShapes(in)[0];
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape context = encoder.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape x = inputShapes[1];
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).getOutputShapes(readsContext[i] ? new Shape[] {x, context} : new Shape[] {x})[0];
        }
        return new Shape[] {x};
    }
}

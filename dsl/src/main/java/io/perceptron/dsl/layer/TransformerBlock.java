package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * One transformer block: self-attention, then (in a decoder) attention to the encoder's output, then
 * a two-layer feed-forward network applied to each step; each sub-layer is wrapped in dropout, a
 * residual connection and layer normalization. Post-norm normalizes after adding the residual
 * (the original transformer, BERT); pre-norm normalizes the sub-layer's input (GPT-2), which trains
 * more stably in deep stacks.
 */
final class TransformerBlock extends AbstractBlock {
    private final TransformerLayer layer;
    private final UnaryOperator<NDArray> activation;
    private final AttentionBlock selfAttention;
    private final AttentionBlock crossAttention;
    private final LayerNorm selfNorm;
    private final LayerNorm crossNorm;
    private final LayerNorm feedForwardNorm;
    private final Linear expand;
    private final Linear contract;
    private final Dropout dropout;

    TransformerBlock(TransformerLayer layer, long features, UnaryOperator<NDArray> activation) {
        this.layer = layer;
        this.activation = activation;
        boolean decoder = layer.needsContext();
        this.selfAttention = addChildBlock("selfAttention",
                new AttentionBlock("self-attention", layer.heads(), features, layer.isCausal()));
        this.selfNorm = addChildBlock("selfNorm", lastAxisNorm(layer.normEpsilon()));
        this.crossAttention = decoder
                ? addChildBlock("crossAttention", new AttentionBlock("cross-attention", layer.heads(), features, false))
                : null;
        this.crossNorm = decoder ? addChildBlock("crossNorm", lastAxisNorm(layer.normEpsilon())) : null;
        this.expand = addChildBlock("expand", Linear.builder().setUnits(layer.feedForwardSize()).build());
        this.contract = addChildBlock("contract", Linear.builder().setUnits(features).build());
        this.feedForwardNorm = addChildBlock("feedForwardNorm", lastAxisNorm(layer.normEpsilon()));
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate((float) layer.dropoutRate()).build());
    }

    /** Normalizes each step's features; axis 2 of (batch, steps, features). */
    private static LayerNorm lastAxisNorm(double epsilon) {
        return LayerNorm.builder().axis(2).optEpsilon((float) epsilon).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // A decoder's second input is the encoder's output; an encoder's is the padding mask.
        NDArray x = inputs.head();
        NDArray mask = crossAttention == null && inputs.size() > 1 ? inputs.get(1) : null;
        x = sublayer(ps, x, selfNorm, training, in -> selfAttention.attend(ps, in, in, mask, training));
        if (crossAttention != null) {
            NDArray memory = inputs.get(1);
            x = sublayer(ps, x, crossNorm, training, in -> crossAttention.attend(ps, in, memory, null, training));
        }
        return new NDList(sublayer(ps, x, feedForwardNorm, training, in -> feedForward(ps, in, training)));
    }

    private NDArray sublayer(ParameterStore ps, NDArray x, LayerNorm norm, boolean training,
                             UnaryOperator<NDArray> body) {
        if (layer.isPreNorm()) {
            return x.add(drop(ps, body.apply(normalize(ps, norm, x, training)), training));
        }
        return normalize(ps, norm, x.add(drop(ps, body.apply(x), training)), training);
    }

    private NDArray feedForward(ParameterStore ps, NDArray x, boolean training) {
        NDArray hidden = activation.apply(expand.forward(ps, new NDList(x), training).head());
        return contract.forward(ps, new NDList(hidden), training).head();
    }

    private NDArray normalize(ParameterStore ps, LayerNorm norm, NDArray x, boolean training) {
        return norm.forward(ps, new NDList(x), training).head();
    }

    private NDArray drop(ParameterStore ps, NDArray x, boolean training) {
        return dropout.forward(ps, new NDList(x), training).head();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        selfAttention.initialize(manager, dataType, x);
        selfNorm.initialize(manager, dataType, x);
        if (crossAttention != null) {
            crossAttention.initialize(manager, dataType, x, inputShapes[1]);
            crossNorm.initialize(manager, dataType, x);
        }
        expand.initialize(manager, dataType, x);
        contract.initialize(manager, dataType, Shapes.withLast(x, layer.feedForwardSize()));
        feedForwardNorm.initialize(manager, dataType, x);
        dropout.initialize(manager, dataType, x);
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

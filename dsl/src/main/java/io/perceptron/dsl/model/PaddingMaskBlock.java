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
 * A stack whose first layer reads token ids in which id 0 is padding. It works out the padding mask
 * from the ids, shaped (batch, steps) with 1 at real tokens and 0 at padding, and hands it as a second
 * input to every layer that reads it (attention hides padded keys, average pooling skips padded
 * steps), as BERT's attention mask does.
 *
 * <p>When every layer leaves real steps alone whatever padding follows them, and one averages the
 * steps away, padding at the end that no example of the batch needs is cut off before the first
 * layer: a batch of short sentences in a model made for 256 tokens costs what the sentences cost.
 */
final class PaddingMaskBlock extends AbstractBlock {
    private final List<Block> layers;
    private final boolean[] readsMask;
    private final boolean trimsPadding;

    PaddingMaskBlock(List<Block> layers, boolean[] readsMask, boolean trimsPadding) {
        for (Block layer : layers) {
            addChildBlock(layer.getClass().getSimpleName(), layer);
        }
        this.layers = List.copyOf(layers);
        this.readsMask = readsMask.clone();
        this.trimsPadding = trimsPadding;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.head();
        NDArray mask = ids.neq(0).toType(DataType.FLOAT32, false);
        if (trimsPadding) {
            long keep = stepsInUse(mask);
            if (keep < ids.getShape().get(1)) {
                ids = ids.get(":, 0:{}", keep);
                mask = mask.get(":, 0:{}", keep);
            }
        }
        NDArray x = ids;
        for (int i = 0; i < layers.size(); i++) {
            NDList in = readsMask[i] ? new NDList(x, mask) : new NDList(x);
            x = layers.get(i).forward(parameterStore, in, training, params).head();
        }
        return new NDList(x);
    }

    /** One past the last step at which some example of the batch has a real token (at least 1). */
    private static long stepsInUse(NDArray mask) {
        float[] anyReal = mask.sum(new int[] {0}).toFloatArray();
        int last = anyReal.length - 1;
        while (last > 0 && anyReal[last] == 0) {
            last--;
        }
        return last + 1L;
    }

    // The mask is never part of a shape: layers are initialized and asked for shapes with the running
    // input alone, which is what their parameters depend on.
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (Block layer : layers) {
            layer.initialize(manager, dataType, x);
            x = layer.getOutputShapes(new Shape[] {x})[0];
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        for (Block layer : layers) {
            x = layer.getOutputShapes(new Shape[] {x})[0];
        }
        return new Shape[] {x};
    }
}

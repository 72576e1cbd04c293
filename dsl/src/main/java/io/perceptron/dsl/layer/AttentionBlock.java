package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product attention. Queries come from {@code x}; keys and values from a
 * memory: an encoder's output for a transformer decoder's cross-attention ({@link #attend}), else
 * {@code x} itself (self-attention; as a layer of its own the block's second input, when given, is
 * the padding mask). Each head compares every query step with every key step,
 * {@code softmax(q k^T / sqrt(headSize))}, and mixes the values with those weights; a causal block
 * hides later steps so a step only sees the past (as GPT and decoders need), and a padding mask hides
 * padded key steps, as BERT's attention mask does.
 */
final class AttentionBlock extends AbstractBlock {
    /** Added to hidden scores: large enough that softmax gives them weight zero in float32. */
    private static final float HIDDEN = -1e9f;

    private final String name;
    private final int heads;
    private final long features;
    private final boolean causal;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    AttentionBlock(String name, int heads, long features, boolean causal) {
        this.name = name;
        this.heads = heads;
        this.features = features;
        this.causal = causal;
        this.query = addChildBlock("query", Linear.builder().setUnits(features).build());
        this.key = addChildBlock("key", Linear.builder().setUnits(features).build());
        this.value = addChildBlock("value", Linear.builder().setUnits(features).build());
        this.output = addChildBlock("output", Linear.builder().setUnits(features).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        // As a layer of its own this block is self-attention; a second input is the padding mask.
        NDArray x = inputs.head();
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        return new NDList(attend(parameterStore, x, x, mask, training));
    }

    /**
     * Attention of {@code x}'s steps over {@code memory}'s steps; both shaped (batch, steps, features).
     * {@code paddingMask}, shaped (batch, memory steps) with 1 at real steps and 0 at padding, or null
     * for none.
     */
    NDArray attend(ParameterStore parameterStore, NDArray x, NDArray memory, NDArray paddingMask, boolean training) {
        long batch = x.getShape().get(0);
        long steps = x.getShape().get(1);
        long memorySteps = memory.getShape().get(1);
        long headSize = features / heads;
        NDArray q = splitHeads(query.forward(parameterStore, new NDList(x), training).head(), batch, steps, headSize);
        NDArray k = splitHeads(key.forward(parameterStore, new NDList(memory), training).head(), batch, memorySteps,
                headSize);
        NDArray v = splitHeads(value.forward(parameterStore, new NDList(memory), training).head(), batch,
                memorySteps, headSize);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headSize));
        if (causal) {
            scores = scores.add(futureMask(x.getManager(), steps, memorySteps));
        }
        if (paddingMask != null) {
            scores = scores.add(hiddenPadding(paddingMask, batch, memorySteps));
        }
        NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, steps, features);
        return output.forward(parameterStore, new NDList(mixed), training).head();
    }

    /** (batch, steps, features) to (batch, heads, steps, headSize). */
    private NDArray splitHeads(NDArray a, long batch, long steps, long headSize) {
        return a.reshape(batch, steps, heads, headSize).transpose(0, 2, 1, 3);
    }

    /** {@link #HIDDEN} where the key step lies after the query step, 0 elsewhere; shaped (steps, memorySteps). */
    private static NDArray futureMask(NDManager manager, long steps, long memorySteps) {
        NDArray rows = manager.arange((float) steps).reshape(steps, 1);
        NDArray columns = manager.arange((float) memorySteps).reshape(1, memorySteps);
        return columns.gt(rows).toType(DataType.FLOAT32, false).mul(HIDDEN);
    }

    /** {@link #HIDDEN} at padded key steps, 0 at real ones; shaped (batch, 1, 1, memorySteps) to meet every head and query. */
    private static NDArray hiddenPadding(NDArray paddingMask, long batch, long memorySteps) {
        return paddingMask.toType(DataType.FLOAT32, false).sub(1).mul(-HIDDEN).reshape(batch, 1, 1, memorySteps);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape memory = inputShapes.length > 1 ? inputShapes[1] : inputShapes[0];
        query.initialize(manager, dataType, inputShapes[0]);
        key.initialize(manager, dataType, memory);
        value.initialize(manager, dataType, memory);
        output.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return name;
    }
}

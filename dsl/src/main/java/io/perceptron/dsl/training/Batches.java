package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.data.Examples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Cuts examples into batches of NDArrays. The rows of a batch are gathered on the Java side into
 * two reusable direct buffers, so each batch costs one native copy per tensor and no garbage.
 *
 * <p>On the CPU the engine wraps a direct buffer without copying it, so a batch's arrays share the
 * buffers: they must be closed before the next batch is made, which the per-batch managers of
 * the training loop guarantee.
 */
final class Batches {
    private final Examples data;
    private final DataType labelType;
    private final int featureSize;
    private final int labelSize;
    private final long[] featureShape;
    private final long[] labelShape;
    private final ByteBuffer featureBytes;
    private final FloatBuffer featureFloats;
    private final ByteBuffer labelBytes;
    private final FloatBuffer labelFloats;
    private final LongBuffer labelLongs;
    private final int decoderStart;
    private final ByteBuffer decoderBytes;
    private final FloatBuffer decoderFloats;

    /**
     * @param data         the examples
     * @param maxBatch     the largest batch that will be asked for
     * @param labelType    {@code int64} for class indices, {@code float32} otherwise
     * @param decoderStart for an encoder-decoder, the class that starts the decoder's input; -1 otherwise
     */
    Batches(Examples data, int maxBatch, DataType labelType, int decoderStart) {
        this.data = data;
        this.labelType = labelType;
        this.decoderStart = decoderStart;
        this.featureShape = data.featureShape();
        this.labelShape = data.labelShape();
        this.featureSize = Math.toIntExact(product(featureShape));
        this.labelSize = Math.toIntExact(product(labelShape));
        int rows = Math.min(maxBatch, Math.max(1, data.size()));
        featureBytes = ByteBuffer.allocateDirect(rows * featureSize * Float.BYTES).order(ByteOrder.nativeOrder());
        featureFloats = featureBytes.asFloatBuffer();
        labelBytes = ByteBuffer.allocateDirect(rows * labelSize * Long.BYTES).order(ByteOrder.nativeOrder());
        labelFloats = labelBytes.asFloatBuffer();
        labelLongs = labelBytes.asLongBuffer();
        decoderBytes = decoderStart < 0 ? null
                : ByteBuffer.allocateDirect(rows * labelSize * Float.BYTES).order(ByteOrder.nativeOrder());
        decoderFloats = decoderBytes == null ? null : decoderBytes.asFloatBuffer();
    }

    /**
     * The model's inputs for rows {@code order[from..to)}: the features, and for an
     * encoder-decoder also the decoder's input, each label sequence shifted right by one behind
     * the start class (at step t the decoder sees the true tokens before t: teacher forcing).
     */
    NDList inputs(NDManager manager, int[] order, int from, int to) {
        return withDecoderInput(manager, features(manager, order, from, to), order, from, to);
    }

    /** The model's inputs for rows {@code order[from..to)} whose features were prepared already (see {@link Prefetch}). */
    NDList inputs(NDManager manager, int[] order, int from, int to, float[] prepared) {
        featureFloats.clear();
        featureFloats.put(prepared, 0, (to - from) * featureSize);
        featureBytes.clear().limit((to - from) * featureSize * Float.BYTES);
        NDArray features = manager.create(featureBytes, batchShape(to - from, featureShape), DataType.FLOAT32);
        return withDecoderInput(manager, features, order, from, to);
    }

    private NDList withDecoderInput(NDManager manager, NDArray features, int[] order, int from, int to) {
        if (decoderStart < 0) {
            return new NDList(features);
        }
        float[] all = data.labels();
        decoderFloats.clear();
        for (int i = from; i < to; i++) {
            int start = order[i] * labelSize;
            decoderFloats.put(decoderStart);
            decoderFloats.put(all, start, labelSize - 1);
        }
        decoderBytes.clear().limit((to - from) * labelSize * Float.BYTES);
        return new NDList(features, manager.create(decoderBytes, batchShape(to - from, labelShape), DataType.FLOAT32));
    }

    int size() {
        return data.size();
    }

    /** The features of rows {@code order[from..to)}, shaped (rows, feature shape...). */
    NDArray features(NDManager manager, int[] order, int from, int to) {
        featureFloats.clear();
        if (data.isInMemory()) {
            float[] all = data.features();
            for (int i = from; i < to; i++) {
                featureFloats.put(all, order[i] * featureSize, featureSize);
            }
        } else {
            // Pictures read from files (evaluation, prediction): decoded one by one, only this batch's.
            float[] one = new float[featureSize];
            for (int i = from; i < to; i++) {
                data.copyFeatures(order[i], one, 0);
                featureFloats.put(one);
            }
        }
        featureBytes.clear().limit((to - from) * featureSize * Float.BYTES);
        return manager.create(featureBytes, batchShape(to - from, featureShape), DataType.FLOAT32);
    }

    /** The labels of rows {@code order[from..to)}, shaped (rows, label shape...). */
    NDArray labels(NDManager manager, int[] order, int from, int to) {
        float[] all = data.labels();
        int count = (to - from) * labelSize;
        if (labelType == DataType.INT64) {
            labelLongs.clear();
            for (int i = from; i < to; i++) {
                int start = order[i] * labelSize;
                for (int j = 0; j < labelSize; j++) {
                    labelLongs.put((long) all[start + j]);
                }
            }
            labelBytes.clear().limit(count * Long.BYTES);
        } else {
            labelFloats.clear();
            for (int i = from; i < to; i++) {
                labelFloats.put(all, order[i] * labelSize, labelSize);
            }
            labelBytes.clear().limit(count * Float.BYTES);
        }
        return manager.create(labelBytes, batchShape(to - from, labelShape), labelType);
    }

    /** 0, 1, 2, ... size-1: the rows in their own order. */
    static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    private static Shape batchShape(int rows, long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return new Shape(shape);
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }
}

package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;

/**
 * Pooling over images: max or average pooling with a square window, adaptive average pooling to a
 * fixed output size (as torchvision's AlexNet uses), and global average pooling, which also
 * averages a sequence over its steps.
 */
final class PoolLayer implements Layer {

    enum Kind { MAX, AVERAGE, ADAPTIVE_AVERAGE, GLOBAL_AVERAGE }

    private final Kind kind;
    private final int size;
    private final int stride;
    private final int outHeight;
    private final int outWidth;

    private PoolLayer(Kind kind, int size, int stride, int outHeight, int outWidth) {
        this.kind = kind;
        this.size = size;
        this.stride = stride;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
    }

    static PoolLayer window(boolean max, int size, int stride) {
        return new PoolLayer(max ? Kind.MAX : Kind.AVERAGE, size, stride, 0, 0);
    }

    static PoolLayer adaptiveAverage(int height, int width) {
        return new PoolLayer(Kind.ADAPTIVE_AVERAGE, 0, 0, height, width);
    }

    static PoolLayer globalAverage() {
        return new PoolLayer(Kind.GLOBAL_AVERAGE, 0, 0, 0, 0);
    }

    @Override
    public Shape outputShape(Shape input) {
        if (kind == Kind.GLOBAL_AVERAGE) {
            if (input.dimension() == 2 || input.dimension() == 3) {
                return new Shape(input.get(input.dimension() == 2 ? 1 : 0));
            }
            throw LayerErrors.needsImages(this, input);
        }
        if (input.dimension() != 3) {
            throw LayerErrors.needsImages(this, input);
        }
        if (kind == Kind.ADAPTIVE_AVERAGE) {
            return new Shape(input.get(0), outHeight, outWidth);
        }
        if (input.get(1) < size || input.get(2) < size) {
            throw LayerErrors.windowTooLarge(this, input, size + "x" + size, input.get(1), input.get(2));
        }
        return new Shape(input.get(0), (input.get(1) - size) / stride + 1, (input.get(2) - size) / stride + 1);
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return 0;
    }

    /** Global average pooling of a sequence leaves padded steps out of the average. */
    @Override
    public boolean readsPaddingMask() {
        return kind == Kind.GLOBAL_AVERAGE;
    }

    @Override
    public boolean ignoresPadding() {
        return kind == Kind.GLOBAL_AVERAGE;
    }

    @Override
    public Block block(Shape input) {
        if (kind == Kind.GLOBAL_AVERAGE) {
            return new FunctionBlock(toString(), PoolLayer::globalAverage, PoolLayer::averageOfRealSteps,
                    this::outputShape);
        }
        Shape window = new Shape(size, size);
        Shape step = new Shape(stride, stride);
        Shape noPadding = new Shape(0, 0);
        return new FunctionBlock(toString(), switch (kind) {
            case MAX -> x -> Pool.maxPool2d(x, window, step, noPadding, false);
            case AVERAGE -> x -> Pool.avgPool2d(x, window, step, noPadding, false, true);
            case ADAPTIVE_AVERAGE -> this::adaptiveAverage;
            case GLOBAL_AVERAGE -> PoolLayer::globalAverage;
        }, this::outputShape);
    }

    /**
     * PyTorch's adaptive average pooling: output cell (i, j) averages input rows
     * floor(i H / h) .. ceil((i + 1) H / h) and the columns likewise. When the sizes divide evenly
     * that is a plain average pooling, which is much faster.
     */
    private NDArray adaptiveAverage(NDArray x) {
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        if (height % outHeight == 0 && width % outWidth == 0) {
            Shape window = new Shape(height / outHeight, width / outWidth);
            return Pool.avgPool2d(x, window, window, new Shape(0, 0), false, true);
        }
        NDList cells = new NDList();
        for (int i = 0; i < outHeight; i++) {
            long top = Math.floorDiv(i * height, outHeight);
            long bottom = -Math.floorDiv(-(i + 1) * height, outHeight);
            for (int j = 0; j < outWidth; j++) {
                long left = Math.floorDiv(j * width, outWidth);
                long right = -Math.floorDiv(-(j + 1) * width, outWidth);
                cells.add(averageOfRowsAndColumns(x.get(":, :, {}:{}, {}:{}", top, bottom, left, right)));
            }
        }
        NDArray stacked = NDArrays.stack(cells, 2);
        return stacked.reshape(x.getShape().get(0), x.getShape().get(1), outHeight, outWidth);
    }

    private static NDArray globalAverage(NDArray x) {
        return x.getShape().dimension() == 3 ? x.mean(new int[] {1}) : averageOfRowsAndColumns(x);
    }

    /**
     * (batch, steps, features) to (batch, features), averaging only the steps the mask marks real: the
     * mean pooling of sentence-transformers, down to its guard against an all-padding row.
     */
    private static NDArray averageOfRealSteps(NDArray x, NDArray mask) {
        if (x.getShape().dimension() != 3) {
            return globalAverage(x);
        }
        NDArray weights = mask.toType(x.getDataType(), false).expandDims(2);
        NDArray counts = weights.sum(new int[] {1}).maximum(1e-9f);
        return x.mul(weights).sum(new int[] {1}).div(counts);
    }

    /** (batch, channels, height, width) to (batch, channels); PyTorch's mean takes one axis at a time. */
    private static NDArray averageOfRowsAndColumns(NDArray x) {
        return x.mean(new int[] {3}).mean(new int[] {2});
    }

    @Override
    public LayerDescription describe() {
        return switch (kind) {
            case MAX -> LayerDescription.of("maxPool", "size", size, "stride", stride);
            case AVERAGE -> LayerDescription.of("avgPool", "size", size, "stride", stride);
            case ADAPTIVE_AVERAGE -> LayerDescription.of("adaptiveAvgPool", "height", outHeight, "width", outWidth);
            case GLOBAL_AVERAGE -> LayerDescription.of("globalAvgPool");
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MAX -> "maxPool(" + size + ", stride=" + stride + ")";
            case AVERAGE -> "avgPool(" + size + ", stride=" + stride + ")";
            case ADAPTIVE_AVERAGE -> "adaptiveAvgPool(" + outHeight + ", " + outWidth + ")";
            case GLOBAL_AVERAGE -> "globalAvgPool";
        };
    }
}

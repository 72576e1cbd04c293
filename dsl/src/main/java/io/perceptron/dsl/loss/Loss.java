package io.perceptron.dsl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.perceptron.dsl.names.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loss function: one number that says how far a model's outputs are from the labels, averaged
 * over the examples of a batch. Training lowers it.
 *
 * <p>Each loss also says what kind of labels it expects ({@link #task()}) and how to turn the
 * model's raw outputs into something readable ({@link #probabilities(NDArray)}): class
 * probabilities for the classification losses, the outputs themselves for regression.
 *
 * <pre>{@code
 * model.fit(data).label("label").loss(Loss.crossEntropy()).train()   // classes 0, 1, 2, ...
 * model.fit(houses).label("price").loss(Loss.huber(1.0)).train()     // numbers
 * Loss.named("mse")                                                  // the same as Loss.mse()
 * }</pre>
 */
public abstract class Loss {

    /** What a loss expects as labels, and so which metrics make sense for it. */
    public enum Task {
        /** One class per example, given as a class index; the model outputs one score per class. */
        CLASSIFICATION,
        /** Any number of yes/no labels per example (0 or 1 each); the model outputs one score per label. */
        MULTI_LABEL,
        /** Numbers to predict; the model outputs them directly. */
        REGRESSION
    }

    /** The losses {@link #named(String)} knows, each made fresh with its default settings. */
    private static final Names<Supplier<Loss>> BY_NAME = Names.of("loss", "Loss.named(\"mse\")", catalogue());
    private static final Pattern PRINTED_HUBER = Pattern.compile("huber\\(delta=([0-9.eE+-]+)\\)");

    private static Map<String, Supplier<Loss>> catalogue() {
        Map<String, Supplier<Loss>> losses = new LinkedHashMap<>();
        losses.put("mse", Loss::mse);
        losses.put("l1", Loss::l1);
        losses.put("huber", Loss::huber);
        losses.put("crossEntropy", Loss::crossEntropy);
        losses.put("binaryCrossEntropy", Loss::binaryCrossEntropy);
        return losses;
    }

    Loss() {
    }

    /**
     * Mean squared error, {@code mean((output - label)²)}: the usual loss for predicting numbers.
     *
     * <pre>{@code model.fit(data).label("y").loss(Loss.mse()).train() }</pre>
     */
    public static Loss mse() {
        return new MeanSquaredError();
    }

    /**
     * Mean absolute error, {@code mean(|output - label|)}: like {@link #mse()} but far less
     * bothered by a few wildly wrong labels.
     *
     * <pre>{@code model.fit(data).label("y").loss(Loss.l1()).train() }</pre>
     */
    public static Loss l1() {
        return new MeanAbsoluteError();
    }

    /**
     * Huber loss with {@code delta = 1}: see {@link #huber(double)}.
     *
     * <pre>{@code model.fit(data).label("y").loss(Loss.huber()).train() }</pre>
     */
    public static Loss huber() {
        return huber(1.0);
    }

    /**
     * Huber loss: squared error for small errors (below {@code delta}) and absolute error beyond,
     * so it is smooth near the answer like {@link #mse()} and robust to outliers like {@link #l1()}.
     *
     * <pre>{@code
     * Loss.huber(0.5)    // ok
     * Loss.huber(0.0)    // PerceptronException: delta must be a positive number
     * }</pre>
     *
     * @param delta the error size where the loss turns from squared to absolute; positive
     */
    public static Loss huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw LossErrors.notPositive("huber", "delta", delta);
        }
        return new Huber((float) delta);
    }

    /**
     * Softmax cross-entropy on class indices: the model outputs one score (logit) per class, the
     * label is the index of the right class. Small when the right class gets a high probability,
     * large when the model is confident and wrong. The model's last layer should be a plain
     * {@code dense(classes)}: the softmax is part of this loss.
     *
     * <pre>{@code model.fit(data).label("label").loss(Loss.crossEntropy()).train() }</pre>
     */
    public static Loss crossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /**
     * Binary cross-entropy for multi-label data: each of the model's outputs is the logit of one
     * yes/no label (a sigmoid turns it into a probability), and every label is 0 or 1, so an
     * image can hold a dog, a cone, both or neither. The sigmoid is part of this loss.
     *
     * <pre>{@code model.fit(images).loss(Loss.binaryCrossEntropy()).train() }</pre>
     */
    public static Loss binaryCrossEntropy() {
        return new SigmoidBinaryCrossEntropy();
    }

    /**
     * The loss called {@code name}, ignoring case, underscores and dashes ({@code "mse"},
     * {@code "cross_entropy"}, {@code "binaryCrossEntropy"}, ...), with its default settings. A
     * loss's printed form is accepted too, so {@code Loss.named(loss.toString())} gives the same
     * loss back ({@code "huber(delta=0.5)"}).
     *
     * <pre>{@code
     * Loss.named("crossEntropy")   // Loss.crossEntropy()
     * Loss.named("hinge")          // PerceptronException listing the valid names
     * }</pre>
     */
    public static Loss named(String name) {
        if (name != null) {
            Matcher huber = PRINTED_HUBER.matcher(name.trim());
            if (huber.matches()) {
                return huber(Double.parseDouble(huber.group(1)));
            }
        }
        // "crossEntropy()" is how a loss prints: read it as the name.
        return BY_NAME.resolve(name == null ? null : name.trim().replaceFirst("\\(\\)$", "")).get();
    }

    /** The names {@link #named(String)} accepts. */
    public static List<String> names() {
        return BY_NAME.names();
    }

    /** The short name of this loss, as accepted by {@link #named(String)}. */
    public abstract String name();

    /** What this loss expects as labels. */
    public abstract Task task();

    /**
     * The loss of a batch: one scalar, averaged over examples (and over outputs).
     *
     * @param outputs the model's raw outputs, examples along the first axis
     * @param labels  class indices ({@code int64}) for {@link Task#CLASSIFICATION}, otherwise
     *                numbers shaped like {@code outputs}
     */
    public abstract NDArray compute(NDArray outputs, NDArray labels);

    /**
     * The model's raw outputs made readable: class probabilities (softmax) for cross-entropy,
     * per-label probabilities (sigmoid) for binary cross-entropy, the outputs unchanged for
     * regression losses.
     */
    public NDArray probabilities(NDArray outputs) {
        return outputs;
    }

    /** The data type labels must have for {@link #compute}: {@code int64} class indices or {@code float32}. */
    public DataType labelType() {
        return task() == Task.CLASSIFICATION ? DataType.INT64 : DataType.FLOAT32;
    }

    @Override
    public String toString() {
        return name() + "()";
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && other.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Regression labels of shape (n) meet outputs of shape (n, 1): line them up. */
    static NDArray alignedLabels(NDArray outputs, NDArray labels) {
        if (!labels.getShape().equals(outputs.getShape()) && labels.size() == outputs.size()) {
            return labels.reshape(outputs.getShape());
        }
        return labels;
    }

    private static final class MeanSquaredError extends Loss {
        @Override
        public String name() {
            return "mse";
        }

        @Override
        public Task task() {
            return Task.REGRESSION;
        }

        @Override
        public NDArray compute(NDArray outputs, NDArray labels) {
            return outputs.sub(alignedLabels(outputs, labels)).square().mean();
        }
    }

    private static final class MeanAbsoluteError extends Loss {
        @Override
        public String name() {
            return "l1";
        }

        @Override
        public Task task() {
            return Task.REGRESSION;
        }

        @Override
        public NDArray compute(NDArray outputs, NDArray labels) {
            return outputs.sub(alignedLabels(outputs, labels)).abs().mean();
        }
    }

    private static final class Huber extends Loss {
        private final float delta;

        Huber(float delta) {
            this.delta = delta;
        }

        @Override
        public String name() {
            return "huber";
        }

        @Override
        public Task task() {
            return Task.REGRESSION;
        }

        /** With q = min(|e|, delta): 0.5·q² + delta·(|e| - q), which is 0.5·e² inside delta and linear outside. */
        @Override
        public NDArray compute(NDArray outputs, NDArray labels) {
            NDArray error = outputs.sub(alignedLabels(outputs, labels)).abs();
            NDArray inside = error.minimum(delta);
            return inside.square().mul(0.5f).add(error.sub(inside).mul(delta)).mean();
        }

        @Override
        public String toString() {
            return "huber(delta=" + delta + ")";
        }
    }

    private static final class SoftmaxCrossEntropy extends Loss {
        @Override
        public String name() {
            return "crossEntropy";
        }

        @Override
        public Task task() {
            return Task.CLASSIFICATION;
        }

        /** -log softmax(outputs)[label], averaged; works for (n, classes) and sequences (n, steps, classes). */
        @Override
        public NDArray compute(NDArray outputs, NDArray labels) {
            NDArray logProbabilities = outputs.logSoftmax(-1);
            return logProbabilities.gather(labels.expandDims(-1), -1).mean().neg();
        }

        @Override
        public NDArray probabilities(NDArray outputs) {
            return outputs.softmax(-1);
        }
    }

    private static final class SigmoidBinaryCrossEntropy extends Loss {
        @Override
        public String name() {
            return "binaryCrossEntropy";
        }

        @Override
        public Task task() {
            return Task.MULTI_LABEL;
        }

        /**
         * -(y·log σ(x) + (1-y)·log(1-σ(x))), written as max(x, 0) - x·y + log(1 + e^-|x|) so that
         * large logits never overflow.
         */
        @Override
        public NDArray compute(NDArray outputs, NDArray labels) {
            NDArray y = alignedLabels(outputs, labels);
            NDArray softplusOfMinusAbs = outputs.abs().neg().exp().add(1f).log();
            return outputs.maximum(0f).sub(outputs.mul(y)).add(softplusOfMinusAbs).mean();
        }

        @Override
        public NDArray probabilities(NDArray outputs) {
            return Activation.sigmoid(outputs);
        }
    }
}

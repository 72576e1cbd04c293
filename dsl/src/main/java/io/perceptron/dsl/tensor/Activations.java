package io.perceptron.dsl.tensor;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.names.Names;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Activation functions, the bend a neuron puts on its weighted sum, as plain functions of a
 * number and of a tensor: binary step, identity, sigmoid, tanh, ReLU, leaky ReLU, GELU and
 * softmax. The tensor versions work with autograd (except the binary step, whose slope is zero
 * everywhere it exists, so its gradient is zero).
 *
 * <pre>{@code
 * Activations.sigmoid(0.0)                     // 0.5
 * Activations.relu(Tensors.of(-1.0, 2.0))      // [0, 2]
 * Activations.softmax(1.0, 2.0, 3.0)           // [0.09, 0.245, 0.665]
 * Activations.table(-4.0, 4.0, 81)             // x and every function's y, for a plot
 * }</pre>
 */
public final class Activations {

    /** The slope of leaky ReLU for negative inputs when none is given (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    private Activations() {
    }

    /** 1 for inputs at or above zero, 0 below: the original perceptron's all-or-nothing output. */
    public static double binaryStep(double x) {
        return Function.BINARY_STEP.apply(x);
    }

    /** {@link #binaryStep(double)} for every entry of a tensor. */
    public static NDArray binaryStep(NDArray x) {
        return Function.BINARY_STEP.apply(x);
    }

    /** The input unchanged: a neuron without a bend, which can only draw straight lines. */
    public static double identity(double x) {
        return Function.IDENTITY.apply(x);
    }

    /** {@link #identity(double)} for a tensor (a copy, so it can be freed independently, that autograd goes through). */
    public static NDArray identity(NDArray x) {
        return Function.IDENTITY.apply(x);
    }

    /** 1 / (1 + e^-x): squashes any number into 0..1, read as a probability. */
    public static double sigmoid(double x) {
        return Function.SIGMOID.apply(x);
    }

    /** {@link #sigmoid(double)} for every entry of a tensor. */
    public static NDArray sigmoid(NDArray x) {
        return Function.SIGMOID.apply(x);
    }

    /** The hyperbolic tangent: like the sigmoid but from -1 to 1 and centred on zero. */
    public static double tanh(double x) {
        return Function.TANH.apply(x);
    }

    /** {@link #tanh(double)} for every entry of a tensor. */
    public static NDArray tanh(NDArray x) {
        return Function.TANH.apply(x);
    }

    /** max(0, x): zero for negative inputs, the input itself otherwise. */
    public static double relu(double x) {
        return Function.RELU.apply(x);
    }

    /** {@link #relu(double)} for every entry of a tensor. */
    public static NDArray relu(NDArray x) {
        return Function.RELU.apply(x);
    }

    /** Like ReLU, but negative inputs keep a small slope ({@value #LEAKY_SLOPE}) so they still learn. */
    public static double leakyRelu(double x) {
        return leakyRelu(x, LEAKY_SLOPE);
    }

    /** Leaky ReLU with the given slope for negative inputs. */
    public static double leakyRelu(double x, double slope) {
        return x >= 0 ? x : slope * x;
    }

    /** {@link #leakyRelu(double)} for every entry of a tensor. */
    public static NDArray leakyRelu(NDArray x) {
        return leakyRelu(x, LEAKY_SLOPE);
    }

    /** Leaky ReLU with the given slope for every entry of a tensor. */
    public static NDArray leakyRelu(NDArray x, double slope) {
        return ai.djl.nn.Activation.leakyRelu(x, (float) slope);
    }

    /**
     * x times the chance that a standard normal number is below x: a smooth ReLU, used by
     * BERT and GPT. The exact (error-function) form, as PyTorch computes it by default.
     */
    public static double gelu(double x) {
        return Function.GELU.apply(x);
    }

    /** {@link #gelu(double)} for every entry of a tensor. */
    public static NDArray gelu(NDArray x) {
        return Function.GELU.apply(x);
    }

    /**
     * Turns scores into probabilities that add up to 1; a bigger score gets a bigger share.
     *
     * <pre>{@code
     * Activations.softmax(2.0, 1.0, 0.1)   // [0.659, 0.242, 0.099]
     * }</pre>
     */
    public static double[] softmax(double... scores) {
        double max = Arrays.stream(scores).max().orElse(0);
        double[] out = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            // Subtracting the largest score changes nothing mathematically and avoids overflow.
            out[i] = Math.exp(scores[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) out[i] /= sum;
        return out;
    }

    /** {@link #softmax(double...)} for a list of scores. */
    public static List<Double> softmax(List<? extends Number> scores) {
        double[] result = softmax(scores.stream().mapToDouble(Number::doubleValue).toArray());
        return Arrays.stream(result).boxed().toList();
    }

    /** Softmax along the last dimension of a tensor (each row of a matrix sums to 1). */
    public static NDArray softmax(NDArray scores) {
        return scores.softmax(-1);
    }

    /** The names of the activations a single neuron can use, for {@link Neuron#of}: all but softmax. */
    public static List<String> names() {
        return PER_NUMBER.names();
    }

    /**
     * Every one-number activation evaluated at {@code points} evenly spaced x values from
     * {@code from} to {@code to}: columns x, binaryStep, identity, sigmoid, tanh, relu,
     * leakyRelu and gelu, ready to plot side by side.
     *
     * <pre>{@code
     * Activations.table(-4.0, 4.0, 81)
     * }</pre>
     */
    public static Table table(double from, double to, int points) {
        if (points < 2) {
            throw TensorErrors.tooFewPoints(points);
        }
        double[] x = new double[points];
        for (int i = 0; i < points; i++) x[i] = from + (to - from) * i / (points - 1);
        Table table = Table.create("activations", DoubleColumn.create("x", x));
        for (Function function : Function.values()) {
            if (function.perNumber()) {
                table.addColumns(DoubleColumn.create(function.label, Arrays.stream(x).map(function::apply).toArray()));
            }
        }
        return table;
    }

    /** The one-number activation called {@code name}, ignoring case, spaces, dashes and underscores ("leaky_relu" = "leakyRelu"). */
    static Function named(String name) {
        return PER_NUMBER.resolve(name);
    }

    /**
     * The DSL's one catalogue of activations: the layers ({@code relu()}, {@code activation("gelu")},
     * a transformer's feed-forward) and the functions and neurons here all compute them from it. Each
     * works on a tensor; all but softmax also on one number.
     */
    public enum Function {
        BINARY_STEP("binaryStep") {
            double apply(double x) {
                return x >= 0 ? 1 : 0;
            }

            NDArray apply(NDArray x) {
                // Adding 0 * x keeps the step in the gradient graph: its gradient is 0 (the step
                // is flat), where it would otherwise be missing and autograd would fail.
                try (NDArray atLeastZero = x.gte(0f);
                     NDArray step = atLeastZero.toType(x.getDataType(), false);
                     NDArray flat = x.mul(0f)) {
                    return step.add(flat);
                }
            }
        },
        IDENTITY("identity") {
            double apply(double x) {
                return x;
            }

            NDArray apply(NDArray x) {
                // A new array that autograd goes back through; duplicate() would cut the gradient off.
                return x.add(0f);
            }
        },
        SIGMOID("sigmoid") {
            double apply(double x) {
                return 1 / (1 + Math.exp(-x));
            }

            NDArray apply(NDArray x) {
                return ai.djl.nn.Activation.sigmoid(x);
            }
        },
        TANH("tanh") {
            double apply(double x) {
                return Math.tanh(x);
            }

            NDArray apply(NDArray x) {
                return x.tanh();
            }
        },
        RELU("relu") {
            double apply(double x) {
                return Math.max(0, x);
            }

            NDArray apply(NDArray x) {
                return ai.djl.nn.Activation.relu(x);
            }
        },
        LEAKY_RELU("leakyRelu") {
            double apply(double x) {
                return leakyRelu(x);
            }

            NDArray apply(NDArray x) {
                return leakyRelu(x);
            }
        },
        GELU("gelu") {
            double apply(double x) {
                return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            }

            NDArray apply(NDArray x) {
                return ai.djl.nn.Activation.gelu(x);
            }
        },
        SOFTMAX("softmax") {
            @Override
            boolean perNumber() {
                return false;
            }

            double apply(double x) {
                throw new UnsupportedOperationException("softmax needs all the scores at once: Activations.softmax(scores)");
            }

            NDArray apply(NDArray x) {
                return x.softmax(-1);
            }
        };

        final String label;

        Function(String label) {
            this.label = label;
        }

        /** The name as the DSL writes it: {@code "leakyRelu"}, the method that adds it as a layer. */
        public String label() {
            return label;
        }

        /**
         * This activation on every number of {@code x} (softmax: along the last axis), a new tensor
         * that autograd can go back through; {@code slope} is leaky ReLU's for negative inputs, and
         * the others ignore it.
         */
        public NDArray apply(NDArray x, double slope) {
            return this == LEAKY_RELU ? leakyRelu(x, slope) : apply(x);
        }

        /** Whether it takes one number at a time (all but softmax, which needs all the scores). */
        boolean perNumber() {
            return true;
        }

        abstract double apply(double x);

        abstract NDArray apply(NDArray x);
    }

    /** The activations a single number can go through, by name: what {@link Neuron#of} accepts. */
    private static final Names<Function> PER_NUMBER = Names.of("one-number activation",
            "Neuron.of(listOf(0.8, -0.5), 0.1, \"sigmoid\")", perNumber());

    private static Map<String, Function> perNumber() {
        Map<String, Function> functions = new LinkedHashMap<>();
        for (Function function : Function.values()) {
            if (function.perNumber()) {
                functions.put(function.label, function);
            }
        }
        return functions;
    }

    /**
     * The error function, by Abramowitz and Stegun's formula 7.1.26 (Handbook of Mathematical
     * Functions, 1964): absolute error below 1.5e-7, about the resolution of a 32-bit tensor.
     */
    static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1 - poly * Math.exp(-a * a));
    }
}

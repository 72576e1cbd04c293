package io.perceptron.dsl.tensor;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Tensors#gradient(List, java.util.function.Supplier)} found: the value of the
 * function and its gradient with respect to each input tensor, in the order they were listed.
 *
 * <pre>{@code
 * val g = Tensors.gradient(listOf(w, b)) { loss(w, b) }
 * g.value()                 // the loss, a plain number
 * g.of(w)                   // d loss / d w, shaped like w
 * val (w2, b2) = g.step(0.1) // w - 0.1 * d loss/d w,  b - 0.1 * d loss/d b
 * }</pre>
 */
public final class Gradients {
    private final List<NDArray> inputs;
    private final List<NDArray> gradients;
    private final double value;

    Gradients(List<NDArray> inputs, List<NDArray> gradients, double value) {
        this.inputs = List.copyOf(inputs);
        this.gradients = List.copyOf(gradients);
        this.value = value;
    }

    /** The value of the function at the inputs (for example the loss). */
    public double value() {
        return value;
    }

    /**
     * The gradient with respect to {@code input}, which must be one of the listed tensors
     * (the same object).
     *
     * <pre>{@code
     * g.of(w)
     * }</pre>
     */
    public NDArray of(NDArray input) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == input) {
                return gradients.get(i);
            }
        }
        throw TensorErrors.notAnInput(input.getShape().getShape(), inputs.size());
    }

    /** The gradient with respect to the input at {@code index} in the list. */
    public NDArray get(int index) {
        return gradients.get(index);
    }

    /** All gradients, in the order the inputs were listed. */
    public List<NDArray> all() {
        return gradients;
    }

    /**
     * One gradient-descent step for every input: {@code input - learningRate * gradient}, as
     * new tensors in the order the inputs were listed.
     *
     * <pre>{@code
     * val (w2, b2) = g.step(0.1)
     * }</pre>
     */
    public List<NDArray> step(double learningRate) {
        List<NDArray> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(Tensors.step(inputs.get(i), gradients.get(i), learningRate));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("value ").append(String.format(java.util.Locale.ROOT, "%.6g", value));
        for (int i = 0; i < gradients.size(); i++) {
            out.append("\ngradient ").append(i).append(": ").append(Tensors.format(gradients.get(i)));
        }
        return out.toString();
    }
}

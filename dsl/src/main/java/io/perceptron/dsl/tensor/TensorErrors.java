package io.perceptron.dsl.tensor;

import io.perceptron.dsl.PerceptronException;
import java.util.Collection;

/**
 * Every message the tensor package shows a user, in one place: what went wrong with which
 * tensor or list, what was expected and received, and what to do.
 *
 * <pre>{@code
 * Tensors.of(listOf(listOf(1.0, 2.0), listOf(3.0)))
 * // Row [1] has 1 numbers, but row [0] has 2. A tensor is a rectangle of numbers: ...
 * }</pre>
 */
public final class TensorErrors {

    private TensorErrors() {
    }

    /** {@code Tensors.walk} between points of different shapes. */
    static PerceptronException walkShapesDiffer(ai.djl.ndarray.types.Shape from, ai.djl.ndarray.types.Shape to) {
        return new PerceptronException("Tensors.walk goes from one point to another of the same shape, but the start"
                + " is " + from + " and the end " + to + ". Take both from the same place, e.g. two rows of"
                + " encoder.predict(...): codes.get(0) and codes.get(1).");
    }

    /** {@code Tensors.walk} with fewer than two steps, which cannot hold both ends. */
    static PerceptronException walkTooShort(int steps) {
        return new PerceptronException("Tensors.walk needs at least 2 steps (the start and the end), but was given "
                + steps + ". For example: Tensors.walk(from, to, 8).");
    }

    /** Nested lists whose rows differ in length. */
    public static PerceptronException ragged(String where, int expected, int received) {
        return new PerceptronException("Row " + where + " has " + received + " numbers, but row [0] has " + expected
                + ". A tensor is a rectangle of numbers: give every row the same length.");
    }

    /** Something in a list that is not a number (or a list of numbers). */
    public static PerceptronException notANumber(Object element, String where) {
        String type = element == null ? "null" : element.getClass().getSimpleName();
        return new PerceptronException("The element at " + where + " is " + (element == null ? "null" : "'" + element
                + "' (" + type + ")") + ", not a number. Tensors hold numbers only, such as 1.0 or -0.5.");
    }

    /** An empty list or array, which has no shape to infer. */
    public static PerceptronException empty(String where) {
        return new PerceptronException("The list at " + where + " is empty, so there is nothing to make a tensor of. "
                + "Use Tensors.zeros(...) for a tensor of zeros.");
    }

    /** A tensor with several numbers where a single number was asked for. */
    public static PerceptronException notOneNumber(String what, long[] shape, long size) {
        return new PerceptronException("The " + what + " is a tensor of shape " + Tensors.shapeText(shape) + " with "
                + size + " numbers, but one number is needed here. Reduce it first, for example with .sum() or .mean().");
    }

    /** The function given to {@code Tensors.gradient} returned nothing. */
    public static PerceptronException noLoss() {
        return new PerceptronException("The function given to Tensors.gradient returned null. "
                + "Return the value to differentiate, such as the loss: Tensors.gradient(listOf(w)) { loss(w) }.");
    }

    /** {@code Tensors.gradient} called while another gradient is being recorded. */
    public static PerceptronException nestedGradient() {
        return new PerceptronException("Tensors.gradient was called inside another gradient computation "
                + "(or while a model is training). Compute one gradient at a time.");
    }

    /** An integer or boolean tensor, which cannot have gradients. */
    public static PerceptronException notDifferentiable(int position, String dataType) {
        return new PerceptronException("Tensor " + position + " of the list holds " + dataType
                + " values, which have no gradients. Make it from decimal numbers, e.g. Tensors.of(1.0, 2.0).");
    }

    /** An empty list of tensors to differentiate against. */
    public static PerceptronException nothingToDifferentiate() {
        return new PerceptronException("Tensors.gradient needs at least one tensor to take the gradient with "
                + "respect to: Tensors.gradient(listOf(w, b)) { loss(w, b) }.");
    }

    /** {@code gradients.of(x)} for a tensor that was not in the list. */
    public static PerceptronException notAnInput(long[] shape, int inputs) {
        return new PerceptronException("This tensor (shape " + Tensors.shapeText(shape) + ") is not one of the "
                + inputs + " tensors the gradient was taken with respect to. Pass the same tensor object "
                + "that was in the list, or use get(index).");
    }

    /** Inputs and weights of a neuron that differ in number. */
    public static PerceptronException inputCount(int weights, long inputs) {
        return new PerceptronException("This neuron has " + weights + " weights, one per input, but " + inputs
                + " inputs were given. Pass exactly " + weights + " inputs.");
    }

    /** A neuron without weights. */
    public static PerceptronException noWeights() {
        return new PerceptronException("A neuron needs at least one weight (one per input): "
                + "Neuron.of(listOf(0.5, -1.0), 0.1, \"sigmoid\").");
    }

    /** A shape with a negative or zero dimension. */
    public static PerceptronException badShape(long[] shape) {
        return new PerceptronException("The shape " + Tensors.shapeText(shape) + " has a dimension below 1. "
                + "Give every dimension as a positive size, e.g. Tensors.zeros(2, 3).");
    }

    /** Something went wrong inside the engine while computing gradients. */
    public static PerceptronException gradientFailed(String reason, Throwable cause) {
        return new PerceptronException("Computing the gradient failed: " + reason
                + ". Check that the value is computed from the listed tensors with differentiable operations.", cause);
    }

    /** A plotting range with fewer than two points. */
    public static PerceptronException tooFewPoints(int points) {
        return new PerceptronException("A curve needs at least 2 points, but " + points
                + " were asked for. Pass 2 or more, such as 81.");
    }

    /** {@code Tensors.of(table)} without any column names. */
    public static PerceptronException noColumns(String table, Collection<String> existing) {
        return new PerceptronException("Which columns of table '" + table + "' should the tensor hold? None were named."
                + " Pass them after the table, e.g. Tensors.of(" + table + ", \"" + String.join("\", \"", existing)
                + "\").");
    }

    /** A text (or other non-number) column named for a tensor. */
    public static PerceptronException notNumericColumn(String column, String type) {
        return new PerceptronException("Column '" + column + "' holds " + type + " values, not numbers, so it cannot go"
                + " into a tensor. Pick number columns, or turn this one into numbers first (0 and 1 for two classes).");
    }

    /** A missing value in a column named for a tensor. */
    public static PerceptronException missingValue(String column, int row) {
        return new PerceptronException("Column '" + column + "' has a missing value in row " + row
                + ", and a tensor has no place for one. Drop or fill the missing values first, e.g. table.dropRowsWithMissingValues().");
    }
}

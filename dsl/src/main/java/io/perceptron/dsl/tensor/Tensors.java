package io.perceptron.dsl.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.perceptron.dsl.data.DataErrors;
import io.perceptron.dsl.data.Examples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tensors by hand: the low-level path that shows how a network computes before
 * {@code model.fit} hides it. Make tensors from Kotlin lists and arrays, take gradients with
 * autograd, and step weights downhill yourself.
 *
 * <p>Tensors are DJL {@link NDArray}s of 32-bit decimals (the type models train in), on the
 * CPU, owned by one manager that lives as long as the notebook. Native memory is not freed by
 * the garbage collector, so a loop that makes many tensors should run inside
 * {@link #scope(Supplier)}, which frees everything made inside it except the result.
 *
 * <pre>{@code
 * val x = Tensors.of(1.0, 2.0)
 * val w = Tensors.of(0.5, -0.25)
 * val b = Tensors.of(0.1)
 * val g = Tensors.gradient(listOf(w, b)) { w.mul(x).sum().add(b).square().sum() }
 * g.of(w)                                  // d loss / d w
 * val w2 = Tensors.step(w, g.of(w), 0.1)   // w - 0.1 * gradient
 * Tensors.format(w2)
 * }</pre>
 */
public final class Tensors {
    /** Dimensions longer than this are shown as their first and last few entries. */
    private static final int SUMMARY_THRESHOLD = 8;
    private static final int SUMMARY_EDGE = 3;
    /** The most decimals a tensor's numbers are shown with. */
    private static final int MAX_DECIMALS = 4;

    private static NDManager notebook;

    private Tensors() {
    }

    /**
     * The manager that owns every tensor made by this class: it lives until the JVM (the
     * notebook kernel) ends. Pass it to DJL calls that need a manager.
     *
     * <pre>{@code
     * Tensors.manager().arange(5f)   // [0, 1, 2, 3, 4]
     * }</pre>
     */
    public static synchronized NDManager manager() {
        if (notebook == null || !notebook.isOpen()) {
            notebook = NDManager.newBaseManager(Device.cpu());
            notebook.setName("notebook tensors");
        }
        return notebook;
    }

    /**
     * A one-dimensional tensor of the given numbers.
     *
     * <pre>{@code
     * Tensors.of(1.0, 2.0, 3.0)   // shape (3)
     * }</pre>
     */
    public static NDArray of(double... values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) floats[i] = (float) values[i];
        return create(floats, new long[] {values.length});
    }

    /** A one-dimensional tensor of the given numbers (stored as decimals). */
    public static NDArray of(float... values) {
        return create(values.clone(), new long[] {values.length});
    }

    /**
     * A one-dimensional tensor of the given whole numbers, stored as decimals so they can take
     * part in gradients.
     *
     * <pre>{@code
     * Tensors.of(1, 0, 1)
     * }</pre>
     */
    public static NDArray of(int... values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) floats[i] = values[i];
        return create(floats, new long[] {values.length});
    }

    /**
     * A matrix (two-dimensional tensor) from rows of numbers.
     *
     * <pre>{@code
     * Tensors.of(arrayOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(3.0, 4.0)))   // shape (2, 2)
     * }</pre>
     */
    public static NDArray of(double[][] rows) {
        return of(Arrays.asList((Object[]) rows));
    }

    /** A matrix (two-dimensional tensor) from rows of numbers. */
    public static NDArray of(float[][] rows) {
        return of(Arrays.asList((Object[]) rows));
    }

    /**
     * A tensor from nested lists of numbers: a list of numbers is a vector, a list of such
     * lists a matrix, and so on. Every row must have the same length. Arrays of numbers may
     * stand in for the innermost lists.
     *
     * <pre>{@code
     * Tensors.of(listOf(listOf(1.0, 2.0), listOf(3.0, 4.0)))   // shape (2, 2)
     * Tensors.of(listOf(1, 2, 3))                              // shape (3)
     * }</pre>
     */
    public static NDArray of(List<?> values) {
        List<Long> shape = new ArrayList<>();
        Object probe = values;
        String where = "";
        while (!(probe instanceof Number)) {
            List<?> level = asList(probe, where);
            if (level.isEmpty()) {
                throw TensorErrors.empty(where.isEmpty() ? "the top" : where);
            }
            shape.add((long) level.size());
            probe = level.get(0);
            where += "[0]";
        }
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        float[] flat = new float[Math.toIntExact(product(dims))];
        int[] next = {0};
        flatten(values, dims, 0, "", flat, next);
        return create(flat, dims);
    }

    /**
     * Columns of a table as a matrix: one row per table row, one column per name, in the order
     * given, shape {@code (rows, columns)}. A single column gives shape {@code (rows, 1)}, the
     * shape a one-output network produces, so targets and outputs line up.
     *
     * <pre>{@code
     * val moons = Datasets.moons(200, 0.1, 1)
     * val x = Tensors.of(moons, "x1", "x2")   // shape (200, 2)
     * val y = Tensors.of(moons, "label")      // shape (200, 1): 0.0 or 1.0
     * Tensors.of(moons, "x3")                 // fails: Unknown column 'x3' in table 'moons'. The table has: x1, x2, label. ...
     * }</pre>
     */
    public static NDArray of(Table table, String... columns) {
        if (columns.length == 0) {
            throw TensorErrors.noColumns(table.name(), table.columnNames());
        }
        int rows = table.rowCount();
        if (rows == 0) {
            throw TensorErrors.empty("table '" + table.name() + "'");
        }
        float[] flat = new float[Math.multiplyExact(rows, columns.length)];
        for (int c = 0; c < columns.length; c++) {
            if (!table.containsColumn(columns[c])) {
                throw DataErrors.unknownColumn(columns[c], table, "Tensors.of(table, ...)");
            }
            Column<?> column = table.column(columns[c]);
            if (!(column instanceof NumericColumn<?> numbers)) {
                throw TensorErrors.notNumericColumn(column.name(), column.type().name().toLowerCase(Locale.ROOT));
            }
            for (int r = 0; r < rows; r++) {
                if (numbers.isMissing(r)) {
                    throw TensorErrors.missingValue(column.name(), r);
                }
                flat[r * columns.length + c] = (float) numbers.getDouble(r);
            }
        }
        return create(flat, new long[] {rows, columns.length});
    }

    /**
     * A tensor holding one number (shape ()).
     *
     * <pre>{@code
     * val b = Tensors.scalar(0.1)
     * }</pre>
     */
    public static NDArray scalar(double value) {
        return create(new float[] {(float) value}, new long[0]);
    }

    /**
     * A tensor of zeros.
     *
     * <pre>{@code
     * Tensors.zeros(2, 3)
     * }</pre>
     */
    public static NDArray zeros(long... shape) {
        return create(new float[Math.toIntExact(product(checked(shape)))], shape);
    }

    /**
     * A tensor of ones.
     *
     * <pre>{@code
     * Tensors.ones(3)
     * }</pre>
     */
    public static NDArray ones(long... shape) {
        float[] values = new float[Math.toIntExact(product(checked(shape)))];
        Arrays.fill(values, 1f);
        return create(values, shape);
    }

    /**
     * The features of every example in one tensor, examples along the first axis: pictures
     * shaped {@code (1, 20, 20)} each come as {@code (count, 1, 20, 20)}, ready for
     * {@code model.predict(...)} and {@code Plot.images(...)}.
     *
     * <pre>{@code
     * val pictures = Tensors.of(test.head(8))      // shape (8, 1, 20, 20)
     * Plot.images(autoencoder.predict(pictures))   // what the autoencoder makes of them
     * }</pre>
     */
    public static NDArray of(Examples examples) {
        long[] one = examples.featureShape();
        long[] all = new long[one.length + 1];
        all[0] = examples.size();
        System.arraycopy(one, 0, all, 1, one.length);
        return create(examples.features().clone(), all);
    }

    /**
     * {@code steps} points on the straight line from {@code from} to {@code to}, both included,
     * stacked along a new first axis: a walk from one meaning vector to another, to decode into a
     * row of pictures that change step by step.
     *
     * <pre>{@code
     * Tensors.walk(Tensors.of(0.0, 0.0), Tensors.of(1.0, 2.0), 3)   // [[0, 0], [0.5, 1], [1, 2]]
     * Tensors.walk(a, b, 1)                                         // fails: a walk needs at least 2 steps
     * }</pre>
     */
    public static NDArray walk(NDArray from, NDArray to, int steps) {
        if (!from.getShape().equals(to.getShape())) {
            throw TensorErrors.walkShapesDiffer(from.getShape(), to.getShape());
        }
        if (steps < 2) {
            throw TensorErrors.walkTooShort(steps);
        }
        float[] a = from.toType(DataType.FLOAT32, false).toFloatArray();
        float[] b = to.toType(DataType.FLOAT32, false).toFloatArray();
        float[] values = new float[steps * a.length];
        for (int step = 0; step < steps; step++) {
            float t = step / (float) (steps - 1);
            for (int i = 0; i < a.length; i++) {
                values[step * a.length + i] = (1 - t) * a[i] + t * b[i];
            }
        }
        long[] one = from.getShape().getShape();
        long[] all = new long[one.length + 1];
        all[0] = steps;
        System.arraycopy(one, 0, all, 1, one.length);
        return create(values, all);
    }

    /**
     * A tensor of random numbers from the standard normal distribution (mean 0, standard
     * deviation 1). The same seed gives the same numbers on every machine.
     *
     * <pre>{@code
     * val w = Tensors.random(Shape(2, 3), 42)
     * }</pre>
     */
    public static NDArray random(Shape shape, long seed) {
        long[] dims = checked(shape.getShape());
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(product(dims))];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        return create(values, dims);
    }

    /**
     * Runs {@code body} and then frees every tensor made while it ran, except what it returns
     * (a tensor, or a list or {@link NDList} of them, or {@link Gradients}). Use it around loops
     * that make many tensors, and return what you want to keep: tensors that were made inside
     * and are only assigned to outer variables are freed too.
     *
     * <pre>{@code
     * w = Tensors.scope {
     *     var current = w
     *     repeat(100) { current = Tensors.gradient(listOf(current)) { loss(current) }.step(0.1)[0] }
     *     current
     * }
     * }</pre>
     */
    public static <T> T scope(Supplier<T> body) {
        T result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = body.get();
            forEachArray(result, NDScope::unregister);
        }
        // Hand what survives to the enclosing scope, if any, so nested scopes still free it.
        forEachArray(result, NDScope::register);
        return result;
    }

    /**
     * The gradient of the one-number value that {@code function} computes, with respect to
     * each tensor in {@code inputs}: how much the value changes when each entry is nudged.
     * Gradients start from zero on every call (they do not accumulate), the inputs are left
     * unchanged, and a tensor the value does not use gets a gradient of zeros.
     *
     * <pre>{@code
     * val w = Tensors.of(0.5, -1.0)
     * val x = Tensors.of(1.0, 2.0)
     * val g = Tensors.gradient(listOf(w)) { w.mul(x).sum().square() }
     * g.value()   // 2.25
     * g.of(w)     // [-3, -6]
     * }</pre>
     *
     * @param inputs   the tensors to differentiate with respect to (decimal tensors)
     * @param function computes the value (a tensor of one number) from the inputs
     */
    public static Gradients gradient(List<NDArray> inputs, Supplier<NDArray> function) {
        if (inputs == null || inputs.isEmpty()) {
            throw TensorErrors.nothingToDifferentiate();
        }
        for (int i = 0; i < inputs.size(); i++) {
            DataType type = inputs.get(i).getDataType();
            if (!type.isFloating()) {
                throw TensorErrors.notDifferentiable(i, type.name().toLowerCase(Locale.ROOT));
            }
        }
        List<NDArray> gradients = new ArrayList<>(inputs.size());
        double value;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            inputs.forEach(input -> {
                input.setRequiresGradient(true);
                clearGradient(input);
            });
            try (GradientCollector collector = newCollector()) {
                NDArray result = function.get();
                if (result == null) {
                    throw TensorErrors.noLoss();
                }
                if (result.size() != 1) {
                    throw TensorErrors.notOneNumber("value to differentiate", result.getShape().getShape(),
                            result.size());
                }
                value = number(result);
                backward(collector, result);
            }
            for (int i = 0; i < inputs.size(); i++) {
                NDArray input = inputs.get(i);
                NDArray gradient = input.getGradient();
                NDArray copy = gradient.duplicate();
                NDScope.unregister(copy);
                gradients.add(copy);
                clearGradient(input);
            }
        }
        gradients.forEach(NDScope::register);
        return new Gradients(inputs, gradients, value);
    }

    /**
     * The gradient of a value with respect to one tensor.
     *
     * <pre>{@code
     * val x = Tensors.of(3.0)
     * Tensors.gradient(x) { x.square().sum() }.of(x)   // [6]
     * }</pre>
     */
    public static Gradients gradient(NDArray input, Supplier<NDArray> function) {
        return gradient(List.of(input), function);
    }

    /**
     * One step of gradient descent: {@code weights - learningRate * gradient}, as a new tensor
     * (the old one is left as it was).
     *
     * <pre>{@code
     * val w2 = Tensors.step(w, g.of(w), 0.1)
     * }</pre>
     */
    public static NDArray step(NDArray weights, NDArray gradient, double learningRate) {
        try (NDArray scaled = gradient.mul(learningRate)) {
            return weights.sub(scaled);
        }
    }

    /**
     * The single number a one-element tensor holds.
     *
     * <pre>{@code
     * Tensors.number(Tensors.of(1.0, 2.0).sum())   // 3.0
     * }</pre>
     */
    public static double number(NDArray tensor) {
        if (tensor.size() != 1) {
            throw TensorErrors.notOneNumber("tensor", tensor.getShape().getShape(), tensor.size());
        }
        return values(tensor)[0];
    }

    /**
     * All numbers of a tensor, row by row, as plain doubles.
     *
     * <pre>{@code
     * Tensors.values(Tensors.of(listOf(listOf(1, 2), listOf(3, 4))))   // [1.0, 2.0, 3.0, 4.0]
     * }</pre>
     */
    public static double[] values(NDArray tensor) {
        try (NDArray doubles = tensor.toType(DataType.FLOAT64, true)) {
            return doubles.toDoubleArray();
        }
    }

    /**
     * A tensor as readable text: nested brackets with aligned columns, long dimensions
     * shortened with "...", then the shape.
     *
     * <pre>{@code
     * Tensors.format(Tensors.of(listOf(listOf(1.0, 2.5), listOf(-3.0, 4.0))))
     * // tensor([[ 1.0,  2.5],
     * //         [-3.0,  4.0]])  shape (2, 2)
     * }</pre>
     */
    public static String format(NDArray tensor) {
        long[] shape = tensor.getShape().getShape();
        DataType type = tensor.getDataType();
        double[] values = values(tensor);
        String[] texts = formatNumbers(values, type);
        int width = 0;
        for (String text : texts) width = Math.max(width, text.length());
        StringBuilder out = new StringBuilder("tensor(");
        if (shape.length == 0) {
            out.append(texts[0]);
        } else {
            appendLevel(out, texts, width, shape, 0, 0, "tensor(".length() + 1);
        }
        out.append(")  shape ").append(shapeText(shape));
        if (!type.isFloating()) {
            out.append(", ").append(type.name().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** A shape as people write it: (2, 3), or () for a single number. */
    static String shapeText(long[] shape) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) out.append(", ");
            out.append(shape[i]);
        }
        return out.append(')').toString();
    }

    private static NDArray create(float[] values, long[] shape) {
        return manager().create(values, new Shape(shape));
    }

    private static GradientCollector newCollector() {
        try {
            return Engine.getInstance().newGradientCollector();
        } catch (IllegalStateException e) {
            throw TensorErrors.nestedGradient();
        }
    }

    private static void backward(GradientCollector collector, NDArray result) {
        try {
            collector.backward(result);
        } catch (EngineException e) {
            // A value computed without any listed tensor has nothing to trace back: the engine
            // refuses the backward pass, and every gradient is rightly zero.
            if (e.getMessage() == null || !e.getMessage().contains("does not require grad")) {
                throw TensorErrors.gradientFailed(firstLine(e.getMessage()), e);
            }
        }
    }

    /** The engine keeps adding into a tensor's gradient; zeroing it makes each call start fresh. */
    private static void clearGradient(NDArray input) {
        try {
            NDArray old = input.getGradient();
            old.subi(old);
        } catch (IllegalStateException | EngineException e) {
            // No gradient recorded yet: nothing to clear.
        }
    }

    private static void forEachArray(Object value, java.util.function.Consumer<NDArray> action) {
        if (value instanceof NDArray array) {
            action.accept(array);
        } else if (value instanceof Gradients gradients) {
            gradients.all().forEach(action);
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) forEachArray(item, action);
        }
    }

    private static List<?> asList(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof double[] a) {
            return Arrays.stream(a).boxed().toList();
        }
        if (value instanceof float[] a) {
            List<Float> out = new ArrayList<>(a.length);
            for (float f : a) out.add(f);
            return out;
        }
        if (value instanceof int[] a) {
            return Arrays.stream(a).boxed().toList();
        }
        if (value instanceof long[] a) {
            return Arrays.stream(a).boxed().toList();
        }
        if (value instanceof Object[] a) {
            return Arrays.asList(a);
        }
        throw TensorErrors.notANumber(value, where.isEmpty() ? "the top" : where);
    }

    private static void flatten(Object value, long[] shape, int depth, String where, float[] out, int[] next) {
        if (depth == shape.length) {
            if (!(value instanceof Number number)) {
                throw TensorErrors.notANumber(value, where);
            }
            out[next[0]++] = number.floatValue();
            return;
        }
        if (value instanceof Number) {
            throw TensorErrors.ragged(where, (int) shape[depth], 0);
        }
        List<?> items = asList(value, where);
        if (items.size() != shape[depth]) {
            throw TensorErrors.ragged(where, (int) shape[depth], items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            flatten(items.get(i), shape, depth + 1, where + "[" + i + "]", out, next);
        }
    }

    private static long[] checked(long[] shape) {
        for (long d : shape) {
            if (d < 1) throw TensorErrors.badShape(shape);
        }
        return shape;
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) p *= d;
        return p;
    }

    /**
     * Every number of a tensor as text with one shared style, so columns line up: whole numbers
     * for integer types, else the fewest decimals (1 to {@value #MAX_DECIMALS}) that show every
     * value, or scientific notation when the values are very large or very small.
     */
    private static String[] formatNumbers(double[] values, DataType type) {
        String[] texts = new String[values.length];
        if (type.isBoolean() || !type.isFloating()) {
            for (int i = 0; i < values.length; i++) {
                texts[i] = type.isBoolean() ? String.valueOf(values[i] != 0) : String.valueOf((long) values[i]);
            }
            return texts;
        }
        double largest = 0;
        for (double v : values) if (Double.isFinite(v)) largest = Math.max(largest, Math.abs(v));
        boolean scientific = largest >= 1e5 || (largest > 0 && largest < 1e-4);
        int decimals = 1;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            String fixed = String.format(Locale.ROOT, "%." + MAX_DECIMALS + "f", v).replaceAll("0+$", "");
            decimals = Math.max(decimals, fixed.length() - fixed.indexOf('.') - 1);
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                texts[i] = String.valueOf(v);
            } else if (scientific) {
                texts[i] = String.format(Locale.ROOT, "%.3e", v);
            } else {
                texts[i] = String.format(Locale.ROOT, "%." + decimals + "f", v + 0.0); // + 0.0 turns -0.0 into 0.0
            }
        }
        return texts;
    }

    /** Appends dimension {@code depth} starting at flat position {@code offset}. */
    private static void appendLevel(StringBuilder out, String[] texts, int width, long[] shape, int depth,
                                    long offset, int indent) {
        long stride = 1;
        for (int d = depth + 1; d < shape.length; d++) stride *= shape[d];
        long count = shape[depth];
        boolean shorten = count > SUMMARY_THRESHOLD;
        out.append('[');
        for (long i = 0; i < count; i++) {
            if (shorten && i == SUMMARY_EDGE) {
                out.append("...");
                i = count - SUMMARY_EDGE;
                appendSeparator(out, shape, depth, indent);
            }
            if (depth == shape.length - 1) {
                String text = texts[(int) (offset + i)];
                out.append(" ".repeat(width - text.length())).append(text);
            } else {
                appendLevel(out, texts, width, shape, depth + 1, offset + i * stride, indent + 1);
            }
            if (i < count - 1) {
                appendSeparator(out, shape, depth, indent);
            }
        }
        out.append(']');
    }

    private static void appendSeparator(StringBuilder out, long[] shape, int depth, int indent) {
        out.append(',');
        if (depth == shape.length - 1) {
            out.append(' ');
        } else {
            // One line break per inner dimension, as numpy and PyTorch print nested blocks.
            out.append("\n".repeat(shape.length - 1 - depth)).append(" ".repeat(indent));
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "the engine gave no reason";
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}

package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.perceptron.dsl.data.DataErrors;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.TableEncoding;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Training data in the one form the training loop reads: dense {@link Examples} (features and
 * labels as flat float arrays, class labels as indices) together with the {@link Signature} that
 * says how they were read. Tables, examples and NDArrays all arrive here.
 *
 * <p>The first source a model is fitted on decides the signature (which columns, which classes
 * in which order); validation and test data are then read with that signature, so class "dog" is
 * the same index everywhere.
 */
final class TrainingData {
    /** The label column used when {@code label(...)} was not called. */
    static final String DEFAULT_LABEL = "label";

    private final Examples examples;
    private final Signature signature;
    private final String description;

    private TrainingData(Examples examples, Signature signature, String description) {
        this.examples = examples;
        this.signature = signature;
        this.description = description;
    }

    Examples examples() {
        return examples;
    }

    Signature signature() {
        return signature;
    }

    int size() {
        return examples.size();
    }

    /** Where the data came from, for printouts: "table moons (1000 rows)". */
    String description() {
        return description;
    }

    TrainingData with(Signature newSignature) {
        return new TrainingData(examples, newSignature, description);
    }

    TrainingData select(int[] rows) {
        return new TrainingData(examples.select(rows), signature, description);
    }

    // ---------------------------------------------------------------- tables

    /**
     * Reads a table for training.
     *
     * @param features the feature columns, or empty for every numeric column that is not a label
     * @param labels   the label columns, or empty for the column named {@value #DEFAULT_LABEL}
     * @param loss     the chosen loss, or {@code null} to pick one from the label's type
     */
    static TrainingData fromTable(Table table, List<String> features, List<String> labels, Loss loss) {
        return fromTable(table, features, labels, loss, false);
    }

    /**
     * Reads a table for training, learning how its feature columns become inputs
     * ({@link TableEncoding}: text one-hot, numbers normalized when {@code normalize}).
     */
    static TrainingData fromTable(Table table, List<String> features, List<String> labels, Loss loss,
                                  boolean normalize) {
        List<String> labelColumns = labels.isEmpty() ? List.of(defaultLabel(table)) : labels;
        for (String label : labelColumns) {
            requireColumn(table, label, "label");
        }
        List<String> featureColumns = features.isEmpty() ? numericColumnsExcept(table, labelColumns) : features;
        for (String feature : featureColumns) {
            requireColumn(table, feature, "features");
            if (labelColumns.contains(feature)) {
                throw TrainingErrors.labelAmongFeatures(feature);
            }
        }
        TableEncoding encoding = TableEncoding.learn(table, featureColumns, normalize);

        Loss.Task task = loss != null ? loss.task() : defaultTask(table, labelColumns);
        List<String> classes;
        String classType;
        switch (task) {
            case CLASSIFICATION -> {
                if (labelColumns.size() != 1) {
                    throw TrainingErrors.oneLabelColumnForClasses(labelColumns, lossName(loss, task));
                }
                Column<?> column = table.column(labelColumns.get(0));
                requireNoMissing(table, column);
                classes = distinctClasses(column);
                if (classes.size() < 2) {
                    throw TrainingErrors.oneClass(column.name(), classes.isEmpty() ? "" : classes.get(0), table.rowCount());
                }
                classType = classTypeOf(column);
            }
            case MULTI_LABEL -> {
                for (String label : labelColumns) {
                    requireZeroOrOne(table, table.column(label), lossName(loss, task));
                }
                classes = labelColumns;
                classType = classTypeOf(table.column(labelColumns.get(0)));
            }
            default -> {
                for (String label : labelColumns) {
                    requireNumberLabel(table.column(label), lossName(loss, task));
                }
                classes = List.of();
                classType = "double";
            }
        }
        Loss chosen = loss != null ? loss : defaultLoss(task);
        Signature signature = new Signature(featureColumns, new long[] {encoding.width()}, labelColumns, task,
                classes, classType, chosen.toString(), -1, encoding, null);
        return fromTable(table, signature);
    }

    /** Reads a table with the columns and classes of an earlier fit (validation, test data). */
    static TrainingData fromTable(Table table, Signature signature) {
        float[] features = featuresOf(table, signature);
        for (String label : signature.labels()) {
            requireColumn(table, label, "label");
            requireNoMissing(table, table.column(label));
        }
        int rows = table.rowCount();
        float[] labels;
        long[] labelShape;
        switch (signature.task()) {
            case CLASSIFICATION -> {
                Column<?> column = table.column(signature.labels().get(0));
                Map<String, Integer> index = indexOf(signature.classes());
                labels = new float[rows];
                for (int r = 0; r < rows; r++) {
                    Integer k = index.get(classKey(column, r));
                    if (k == null) {
                        throw TrainingErrors.unknownClass(column.name(), column.getString(r), signature.classes());
                    }
                    labels[r] = k;
                }
                labelShape = new long[0];
            }
            default -> {
                List<String> columns = signature.labels();
                labels = new float[rows * columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    Column<?> column = table.column(columns.get(c));
                    if (signature.task() == Loss.Task.MULTI_LABEL) {
                        requireZeroOrOne(table, column, signature.loss());
                    } else {
                        requireNumberLabel(column, signature.loss());
                    }
                    for (int r = 0; r < rows; r++) {
                        labels[r * columns.size() + c] = (float) numberAt(column, r);
                    }
                }
                labelShape = new long[] {columns.size()};
            }
        }
        List<String> classNames = signature.task() == Loss.Task.REGRESSION ? List.of() : signature.classes();
        Examples examples = Examples.of(nameOf(table), features, signature.featureShape(), labels, labelShape, classNames);
        return new TrainingData(examples, signature, "table " + nameOf(table) + " (" + rows + " rows)");
    }

    /** The feature columns of {@code table} named by {@code signature}, row after row, as floats. */
    static float[] featuresOf(Table table, Signature signature) {
        if (signature.encoding() != null) {
            return signature.encoding().encode(table);
        }
        // A model saved before tables had an encoding: plain number columns, as they are.
        List<String> columns = signature.features();
        for (String column : columns) {
            requireColumn(table, column, "features");
        }
        requireNumeric(table, columns);
        int rows = table.rowCount();
        int width = columns.size();
        float[] features = new float[rows * width];
        for (int c = 0; c < width; c++) {
            Column<?> column = table.column(columns.get(c));
            requireNoMissing(table, column);
            for (int r = 0; r < rows; r++) {
                features[r * width + c] = (float) numberAt(column, r);
            }
        }
        return features;
    }

    private static String defaultLabel(Table table) {
        if (!table.containsColumn(DEFAULT_LABEL)) {
            throw TrainingErrors.noLabel(table.columnNames());
        }
        return DEFAULT_LABEL;
    }

    private static List<String> numericColumnsExcept(Table table, List<String> labels) {
        List<String> numeric = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            if (!labels.contains(column.name()) && isNumber(column)) {
                numeric.add(column.name());
            }
        }
        if (numeric.isEmpty()) {
            throw TrainingErrors.noFeatures(table.columnNames(), labels);
        }
        return numeric;
    }

    private static void requireColumn(Table table, String column, String role) {
        if (!table.containsColumn(column)) {
            throw DataErrors.unknownColumn(column, table, role + "(...)");
        }
    }

    private static void requireNumeric(Table table, List<String> columns) {
        List<String> notNumeric = new ArrayList<>();
        for (String name : columns) {
            Column<?> column = table.column(name);
            if (!isNumber(column)) {
                notNumeric.add(name + " (" + column.type().name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        if (!notNumeric.isEmpty()) {
            throw TrainingErrors.featuresNotNumeric(notNumeric);
        }
    }

    private static void requireNoMissing(Table table, Column<?> column) {
        int missing = column.countMissing();
        if (missing > 0) {
            int firstRow = column.isMissing().iterator().nextInt();
            throw DataErrors.missingValues(table, column, missing, firstRow);
        }
    }

    private static void requireZeroOrOne(Table table, Column<?> column, String loss) {
        if (!isNumber(column)) {
            throw TrainingErrors.labelNotZeroOrOne(column.name(), column.getString(0), loss);
        }
        requireNoMissing(table, column);
        for (int r = 0; r < column.size(); r++) {
            double value = numberAt(column, r);
            if (value != 0 && value != 1) {
                throw TrainingErrors.labelNotZeroOrOne(column.name(), column.getString(r), loss);
            }
        }
    }

    private static void requireNumberLabel(Column<?> column, String loss) {
        if (!isNumber(column)) {
            throw TrainingErrors.labelNotNumeric(column.name(), column.type().name().toLowerCase(Locale.ROOT), loss);
        }
    }

    static boolean isNumber(Column<?> column) {
        return column instanceof NumericColumn<?> || column instanceof BooleanColumn;
    }

    private static double numberAt(Column<?> column, int row) {
        if (column instanceof BooleanColumn booleans) {
            return Boolean.TRUE.equals(booleans.get(row)) ? 1 : 0;
        }
        return ((NumericColumn<?>) column).getDouble(row);
    }

    /** Text, whole-number and yes/no labels are classes; fractional numbers are values to regress. */
    private static Loss.Task defaultTask(Table table, List<String> labels) {
        if (labels.size() == 1) {
            Column<?> column = table.column(labels.get(0));
            boolean fractional = column instanceof DoubleColumn || column instanceof FloatColumn;
            return fractional ? Loss.Task.REGRESSION : Loss.Task.CLASSIFICATION;
        }
        for (String label : labels) {
            Column<?> column = table.column(label);
            if (!isNumber(column)) {
                return Loss.Task.REGRESSION; // reported as "labels must be numbers" by the caller
            }
            for (int r = 0; r < column.size(); r++) {
                if (column.isMissing(r) || (numberAt(column, r) != 0 && numberAt(column, r) != 1)) {
                    return Loss.Task.REGRESSION;
                }
            }
        }
        return Loss.Task.MULTI_LABEL;
    }

    /** The loss used when none was chosen: cross-entropy for classes, BCE for yes/no labels, MSE for numbers. */
    static Loss defaultLoss(Loss.Task task) {
        return switch (task) {
            case CLASSIFICATION -> Loss.crossEntropy();
            case MULTI_LABEL -> Loss.binaryCrossEntropy();
            case REGRESSION -> Loss.mse();
        };
    }

    private static String lossName(Loss loss, Loss.Task task) {
        return (loss != null ? loss : defaultLoss(task)).toString();
    }

    /** Sorted distinct values: numerically for numbers, alphabetically for text, false before true. */
    private static List<String> distinctClasses(Column<?> column) {
        if (column instanceof NumericColumn<?> numbers) {
            TreeSet<Double> values = new TreeSet<>();
            for (int r = 0; r < numbers.size(); r++) {
                values.add(numbers.getDouble(r));
            }
            List<String> classes = new ArrayList<>();
            for (double value : values) {
                classes.add(numberKey(value));
            }
            return classes;
        }
        TreeSet<String> values = new TreeSet<>();
        for (int r = 0; r < column.size(); r++) {
            values.add(classKey(column, r));
        }
        return new ArrayList<>(values);
    }

    private static String classKey(Column<?> column, int row) {
        if (column instanceof NumericColumn<?> numbers) {
            return numberKey(numbers.getDouble(row));
        }
        if (column instanceof BooleanColumn booleans) {
            return String.valueOf(Boolean.TRUE.equals(booleans.get(row)));
        }
        return column.getString(row);
    }

    /** Whole numbers print without ".0" so that class 1 of an int column and of a double column read alike. */
    static String numberKey(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * The column's type by its class: Tablesaw's {@code ColumnType} constants are not reliably the
     * instances columns report, depending on class initialization order.
     */
    private static String classTypeOf(Column<?> column) {
        if (column instanceof IntColumn) return "integer";
        if (column instanceof LongColumn) return "long";
        if (column instanceof ShortColumn) return "short";
        if (column instanceof DoubleColumn) return "double";
        if (column instanceof FloatColumn) return "float";
        if (column instanceof BooleanColumn) return "boolean";
        return "string";
    }

    private static Map<String, Integer> indexOf(List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        return index;
    }

    private static String nameOf(Table table) {
        return table.name() == null || table.name().isBlank() ? "data" : table.name();
    }

    // ---------------------------------------------------------------- examples

    /** Reads examples for training: their class names decide classification or multi-label. */
    static TrainingData fromExamples(Examples examples, Loss loss) {
        Loss.Task task = loss != null ? loss.task() : defaultTask(examples);
        List<String> classes = examples.classNames();
        if (task == Loss.Task.CLASSIFICATION && classes.isEmpty()) {
            classes = wholeNumberClasses(examples.labels(), lossName(loss, task));
        } else if (task == Loss.Task.MULTI_LABEL && classes.isEmpty()) {
            classes = numbered(Math.toIntExact(product(examples.labelShape())));
        } else if (task == Loss.Task.REGRESSION) {
            classes = List.of();
        }
        Loss chosen = loss != null ? loss : defaultLoss(task);
        List<String> labels = task == Loss.Task.MULTI_LABEL ? classes : List.of(DEFAULT_LABEL);
        Signature signature = new Signature(List.of(), examples.featureShape(), labels, task, classes,
                task == Loss.Task.CLASSIFICATION && examples.classNames().isEmpty() ? "integer" : "string",
                chosen.toString(), -1);
        return fromExamples(examples, signature);
    }

    /** Reads examples with the signature of an earlier fit. */
    static TrainingData fromExamples(Examples examples, Signature signature) {
        if (!Arrays.equals(examples.featureShape(), signature.featureShape())) {
            throw TrainingErrors.featureShapeChanged(examples.name(), examples.featureShape(), signature.featureShape());
        }
        float[] labels = examples.labels();
        switch (signature.task()) {
            case CLASSIFICATION -> {
                if (!examples.classNames().isEmpty() && !examples.classNames().equals(signature.classes())) {
                    throw TrainingErrors.classesChanged(examples.name(), examples.classNames(), signature.classes());
                }
                for (float label : labels) {
                    if (label != Math.rint(label) || label < 0 || label >= signature.classes().size()) {
                        throw TrainingErrors.classIndexOutOfRange(examples.name(), label, signature.classes());
                    }
                }
            }
            case MULTI_LABEL -> {
                if (product(examples.labelShape()) != signature.classes().size()) {
                    throw TrainingErrors.labelCountChanged(examples.name(), product(examples.labelShape()),
                            signature.classes());
                }
                for (float label : labels) {
                    if (label != 0 && label != 1) {
                        throw TrainingErrors.labelNotZeroOrOne(examples.name(), Float.toString(label), signature.loss());
                    }
                }
            }
            default -> {
            }
        }
        Signature read = examples.imageOptions() != null && signature.pictures() == null
                ? signature.withPictures(examples.imageOptions()) : signature;
        return new TrainingData(examples, read, examples.name() + " (" + examples.size() + " examples)");
    }

    private static Loss.Task defaultTask(Examples examples) {
        if (examples.classNames().isEmpty()) {
            return Loss.Task.REGRESSION;
        }
        long[] labelShape = examples.labelShape();
        if (labelShape.length == 1 && labelShape[0] == examples.classNames().size()) {
            boolean zeroOrOne = true;
            for (float label : examples.labels()) {
                zeroOrOne &= label == 0 || label == 1;
            }
            if (zeroOrOne) {
                return Loss.Task.MULTI_LABEL;
            }
        }
        return Loss.Task.CLASSIFICATION;
    }

    // ---------------------------------------------------------------- NDArrays

    /**
     * Copies NDArrays into examples: {@code x} holds the examples along its first axis, {@code y}
     * the labels. The copy lets the caller close the arrays as soon as the fit is set up.
     */
    static Examples arraysAsExamples(NDArray x, NDArray y) {
        long[] xShape = x.getShape().getShape();
        long[] yShape = y.getShape().getShape();
        if (xShape.length == 0 || yShape.length == 0 || xShape[0] != yShape[0]) {
            throw TrainingErrors.arraysDisagree(x.getShape().toString(), y.getShape().toString());
        }
        float[] features;
        float[] labels;
        try (NDArray xf = x.toType(DataType.FLOAT32, true); NDArray yf = y.toType(DataType.FLOAT32, true)) {
            features = xf.toFloatArray();
            labels = yf.toFloatArray();
        }
        return Examples.of("arrays", features, Arrays.copyOfRange(xShape, 1, xShape.length), labels,
                Arrays.copyOfRange(yShape, 1, yShape.length), List.of());
    }

    /**
     * Reads arrays (as copied by {@link #arraysAsExamples}) for training. Integer labels of one
     * number per example are class indices; others are numbers to regress, unless a loss says
     * otherwise.
     */
    static TrainingData fromArrays(Examples examples, boolean integerLabels, Loss loss) {
        Loss.Task task;
        if (loss != null) {
            task = loss.task();
        } else {
            task = integerLabels && examples.labelShape().length == 0 ? Loss.Task.CLASSIFICATION : Loss.Task.REGRESSION;
        }
        List<String> classes = switch (task) {
            case CLASSIFICATION -> wholeNumberClasses(examples.labels(), lossName(loss, task));
            case MULTI_LABEL -> numbered(Math.toIntExact(product(examples.labelShape())));
            case REGRESSION -> List.of();
        };
        Loss chosen = loss != null ? loss : defaultLoss(task);
        Signature signature = new Signature(List.of(), examples.featureShape(),
                task == Loss.Task.MULTI_LABEL ? classes : List.of(DEFAULT_LABEL), task, classes, "integer",
                chosen.toString(), -1);
        return fromExamples(examples, signature);
    }

    /** Classes for labels that are already indices: "0", "1", ... up to the largest label. */
    private static List<String> wholeNumberClasses(float[] labels, String loss) {
        float max = 0;
        for (float label : labels) {
            if (label != Math.rint(label) || label < 0) {
                throw TrainingErrors.labelNotClassIndex(label, loss);
            }
            max = Math.max(max, label);
        }
        if (max < 1) {
            throw TrainingErrors.oneClass("label", numberKey(max), labels.length);
        }
        return numbered((int) max + 1);
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }

    /** Class names for messages and printouts: the first ten, then how many there are. */
    static String preview(List<String> values) {
        return String.join(", ", values.subList(0, Math.min(values.size(), 10)))
                + (values.size() > 10 ? ", ... (" + values.size() + " in all)" : "");
    }
}

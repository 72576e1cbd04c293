package io.perceptron.dsl.training;

import io.perceptron.dsl.data.DataErrors;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.TableEncoding;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Signature;
import java.util.ArrayList;
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
 * A Tablesaw table as training data: feature columns become the example's numbers, the label
 * column(s) become classes, yes/no labels or numbers to predict. What {@code model.fit(table)},
 * {@code validation(table)}, {@code evaluate(table)} and {@code predict(table)} read through.
 *
 * <p>Defaults: the label is the column called {@value TrainingData#TrainingData.DEFAULT_LABEL}; the features are every
 * numeric (or true/false) column except the labels; text, whole-number and true/false labels are
 * classes in sorted order, fractional numbers are values to regress, several 0/1 columns are
 * yes/no labels. Every refusal names the column and says what to do.
 */
record TableSource(Table table) implements TrainingSource {
    @Override
    public TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize) {
        return read(table, features, labels, loss, normalize);
    }

    @Override
    public TrainingData read(Signature signature) {
        return read(table, signature);
    }

    @Override
    public String toString() {
        return "table " + table.name() + " (" + table.rowCount() + " rows)";
    }

    /**
     * Reads a table for training.
     *
     * @param features the feature columns, or empty for every numeric column that is not a label
     * @param labels   the label columns, or empty for the column named {@value #TrainingData.DEFAULT_LABEL}
     * @param loss     the chosen loss, or {@code null} to pick one from the label's type
     */
    static TrainingData read(Table table, List<String> features, List<String> labels, Loss loss) {
        return read(table, features, labels, loss, false);
    }

    /**
     * Reads a table for training, learning how its feature columns become inputs
     * ({@link TableEncoding}: text one-hot, numbers normalized when {@code normalize}).
     */
    static TrainingData read(Table table, List<String> features, List<String> labels, Loss loss, boolean normalize) {
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
                    throw TrainingErrors.oneLabelColumnForClasses(labelColumns, TrainingData.lossName(loss, task));
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
                    requireZeroOrOne(table, table.column(label), TrainingData.lossName(loss, task));
                }
                classes = labelColumns;
                classType = classTypeOf(table.column(labelColumns.get(0)));
            }
            default -> {
                for (String label : labelColumns) {
                    requireNumberLabel(table.column(label), TrainingData.lossName(loss, task));
                }
                classes = List.of();
                classType = "double";
            }
        }
        Loss chosen = loss != null ? loss : TrainingData.defaultLoss(task);
        Signature signature = new Signature(featureColumns, new long[] {encoding.width()}, labelColumns, task,
                classes, classType, chosen.toString(), -1, encoding, null);
        return read(table, signature);
    }

    /** Reads a table with the columns and classes of an earlier fit (validation, test data). */
    static TrainingData read(Table table, Signature signature) {
        float[] features = features(table, signature);
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
    static float[] features(Table table, Signature signature) {
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
        if (!table.containsColumn(TrainingData.DEFAULT_LABEL)) {
            throw TrainingErrors.noLabel(TrainingData.DEFAULT_LABEL, table.columnNames());
        }
        return TrainingData.DEFAULT_LABEL;
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

    private static boolean isNumber(Column<?> column) {
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

    /** Sorted distinct values: numerically for numbers, alphabetically for text, false before true. */
    private static List<String> distinctClasses(Column<?> column) {
        if (column instanceof NumericColumn<?> numbers) {
            TreeSet<Double> values = new TreeSet<>();
            for (int r = 0; r < numbers.size(); r++) {
                values.add(numbers.getDouble(r));
            }
            List<String> classes = new ArrayList<>();
            for (double value : values) {
                classes.add(TrainingData.numberKey(value));
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
            return TrainingData.numberKey(numbers.getDouble(row));
        }
        if (column instanceof BooleanColumn booleans) {
            return String.valueOf(Boolean.TRUE.equals(booleans.get(row)));
        }
        return column.getString(row);
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
}

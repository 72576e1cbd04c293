package io.perceptron.dsl.data;

import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How a table's feature columns become the numbers a model reads, learned once from the training
 * table and kept with the model, so that {@code predict}, {@code evaluate} and a model loaded from
 * disk read new tables exactly the same way:
 *
 * <ul>
 *   <li>a number (or true/false) column gives one input, optionally normalized to mean 0 and
 *       standard deviation 1 with the training table's statistics;</li>
 *   <li>a text column gives one 0/1 input per category seen in training (one-hot), named
 *       {@code column=category}, categories in sorted order.</li>
 * </ul>
 *
 * <p>Missing values are refused with the row count and the one-line fix; so is a category that
 * training never saw.
 *
 * <pre>{@code
 * val encoding = TableEncoding.learn(penguins, listOf("island", "bill_length_mm", "body_mass_g"), true)
 * encoding.inputNames()   // [island=Biscoe, island=Dream, island=Torgersen, bill_length_mm, body_mass_g]
 * encoding.table()        // column, input, encoding: one row per input
 * }</pre>
 */
public final class TableEncoding {
    /**
     * A text column with more categories than this is refused: it is likely a name or an
     * identifier, and one input per category would give the model thousands of inputs.
     */
    public static final int MAX_CATEGORIES = 50;

    private static final Gson GSON = new Gson();

    /**
     * One feature column and how it is encoded.
     *
     * @param column     the column's name
     * @param categories for a text column, its categories in input order; empty for numbers
     * @param mean       the training mean subtracted from a normalized number column (0 otherwise)
     * @param std        the training standard deviation a normalized number column is divided by (1 otherwise)
     */
    record Feature(String column, List<String> categories, double mean, double std) {
        boolean isCategory() {
            return !categories.isEmpty();
        }

        int width() {
            return isCategory() ? categories.size() : 1;
        }
    }

    private final List<Feature> features;
    private final boolean normalize;

    private TableEncoding(List<Feature> features, boolean normalize) {
        this.features = List.copyOf(features);
        this.normalize = normalize;
    }

    /**
     * Learns the encoding of {@code columns} from {@code table}: the categories of text columns,
     * and with {@code normalize} the mean and standard deviation of number columns.
     *
     * @throws io.perceptron.dsl.PerceptronException for a missing column, missing values, a column
     *                                               that is neither numbers nor text, or too many categories
     */
    public static TableEncoding learn(Table table, List<String> columns, boolean normalize) {
        List<Feature> features = new ArrayList<>();
        for (String name : columns) {
            Column<?> column = column(table, name);
            requireNoMissing(table, column);
            if (column instanceof StringColumn text) {
                TreeSet<String> categories = new TreeSet<>(text.asList());
                if (categories.size() > MAX_CATEGORIES) {
                    throw DataErrors.tooManyCategories(column.name(), categories.size(), MAX_CATEGORIES);
                }
                features.add(new Feature(column.name(), new ArrayList<>(categories), 0, 1));
            } else if (isNumber(column)) {
                double mean = 0;
                double std = 1;
                if (normalize && !(column instanceof BooleanColumn)) {
                    double[] values = numbers(column);
                    mean = mean(values);
                    std = std(values, mean);
                }
                features.add(new Feature(column.name(), List.of(), mean, std));
            } else {
                throw DataErrors.featureNotUsable(column.name(), column.type().name().toLowerCase(Locale.ROOT));
            }
        }
        return new TableEncoding(features, normalize);
    }

    /** The feature columns, in the order they were given. */
    public List<String> columns() {
        return features.stream().map(Feature::column).toList();
    }

    /** Whether number columns are normalized with the training statistics. */
    public boolean normalizes() {
        return normalize;
    }

    /** Whether any column is text, one-hot encoded. */
    public boolean hasCategories() {
        return features.stream().anyMatch(Feature::isCategory);
    }

    /** How many numbers one row becomes: the model's input size. */
    public int width() {
        return features.stream().mapToInt(Feature::width).sum();
    }

    /** One name per input: the column for numbers, {@code column=category} for each one-hot input. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (Feature feature : features) {
            if (feature.isCategory()) {
                for (String category : feature.categories()) {
                    names.add(feature.column() + "=" + category);
                }
            } else {
                names.add(feature.column());
            }
        }
        return names;
    }

    /**
     * Encodes the rows of {@code table}, row after row, {@link #width()} numbers each.
     *
     * @throws io.perceptron.dsl.PerceptronException for a missing column, missing values, or a
     *                                               category training never saw
     */
    public float[] encode(Table table) {
        int rows = table.rowCount();
        int width = width();
        float[] out = new float[rows * width];
        int offset = 0;
        for (Feature feature : features) {
            Column<?> column = column(table, feature.column());
            requireNoMissing(table, column);
            if (feature.isCategory()) {
                if (!(column instanceof StringColumn text)) {
                    throw DataErrors.wrongColumnType(column.name(), "texts (categories, as in training)",
                            column.type().name().toLowerCase(Locale.ROOT));
                }
                Map<String, Integer> index = indexOf(feature.categories());
                for (int r = 0; r < rows; r++) {
                    Integer k = index.get(text.get(r));
                    if (k == null) {
                        throw DataErrors.unknownCategory(column.name(), text.get(r), r, feature.categories());
                    }
                    out[r * width + offset + k] = 1;
                }
            } else {
                if (!isNumber(column)) {
                    throw DataErrors.wrongColumnType(column.name(), "numbers (as in training)",
                            column.type().name().toLowerCase(Locale.ROOT));
                }
                double[] values = numbers(column);
                for (int r = 0; r < rows; r++) {
                    out[r * width + offset] = (float) ((values[r] - feature.mean()) / feature.std());
                }
            }
            offset += feature.width();
        }
        return out;
    }

    /**
     * The encoding as a table to look at: one row per model input, with the column it comes from
     * and what it holds ("1 when island is Biscoe", "(x - 4201.8) / 802.0").
     */
    public Table table() {
        StringColumn column = StringColumn.create("column");
        StringColumn input = StringColumn.create("input");
        StringColumn encoding = StringColumn.create("encoding");
        for (Feature feature : features) {
            if (feature.isCategory()) {
                for (String category : feature.categories()) {
                    column.append(feature.column());
                    input.append(feature.column() + "=" + category);
                    encoding.append("1 when " + feature.column() + " is " + category + ", else 0");
                }
            } else {
                column.append(feature.column());
                input.append(feature.column());
                encoding.append(normalized(feature) ? String.format(Locale.ROOT, "(x - %s) / %s",
                        number(feature.mean()), number(feature.std())) : "as is");
            }
        }
        return Table.create("input encoding", column, input, encoding);
    }

    /** One line for the training printout: what was one-hot encoded into what, and what normalized. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Feature feature : features) {
            if (feature.isCategory()) {
                parts.add(feature.column() + " one-hot as " + String.join(", ", feature.categories()));
            }
        }
        List<String> normalized = features.stream().filter(TableEncoding::normalized).map(Feature::column).toList();
        if (!normalized.isEmpty()) {
            parts.add("normalized " + String.join(", ", normalized) + " (mean and std of the training table)");
        }
        return String.join("; ", parts);
    }

    /** The encoding as JSON, to keep with a model. */
    public String toJson() {
        return GSON.toJson(new Stored(features, normalize));
    }

    /** An encoding read back from {@link #toJson()}. */
    public static TableEncoding fromJson(String json) {
        Stored stored = GSON.fromJson(json, Stored.class);
        return new TableEncoding(stored.features(), stored.normalize());
    }

    private record Stored(List<Feature> features, boolean normalize) {
    }

    private static boolean normalized(Feature feature) {
        return !feature.isCategory() && (feature.mean() != 0 || feature.std() != 1);
    }

    private static Column<?> column(Table table, String name) {
        if (!table.containsColumn(name)) {
            throw DataErrors.unknownColumn(name, table, "features(...)");
        }
        return table.column(name);
    }

    private static void requireNoMissing(Table table, Column<?> column) {
        int missing = column.countMissing();
        if (missing > 0) {
            throw DataErrors.missingValues(table, column, missing, column.isMissing().iterator().nextInt());
        }
    }

    static boolean isNumber(Column<?> column) {
        return column instanceof NumericColumn<?> || column instanceof BooleanColumn;
    }

    private static double[] numbers(Column<?> column) {
        double[] values = new double[column.size()];
        for (int r = 0; r < values.length; r++) {
            if (column instanceof BooleanColumn booleans) {
                values[r] = Boolean.TRUE.equals(booleans.get(r)) ? 1 : 0;
            } else {
                values[r] = ((NumericColumn<?>) column).getDouble(r);
            }
        }
        return values;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** The population standard deviation; 1 for a constant column, which then only moves to 0. */
    private static double std(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        double std = values.length == 0 ? 0 : Math.sqrt(sum / values.length);
        return std > 0 ? std : 1;
    }

    private static Map<String, Integer> indexOf(List<String> values) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            index.put(values.get(i), i);
        }
        return index;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableEncoding e && toJson().equals(e.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        String described = describe();
        return "TableEncoding(" + width() + " inputs from " + String.join(", ", columns())
                + (described.isEmpty() ? "" : "; " + described) + ")";
    }

    /** The typed accessor a Kotlin cell fills a column's missing values with. */
    static String accessorOf(Column<?> column) {
        if (column instanceof DoubleColumn) return "doubleColumn";
        if (column instanceof IntColumn) return "intColumn";
        if (column instanceof StringColumn) return "stringColumn";
        if (column instanceof BooleanColumn) return "booleanColumn";
        return "numberColumn";
    }
}

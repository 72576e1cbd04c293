package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table of texts and labels made into examples for a sequence model: each text as a row of token
 * ids by whatever reads it (a {@link Vocabulary}, a pretrained model's tokenizer), each label as a
 * class index, the class names being the label column's distinct values, sorted.
 *
 * <pre>{@code
 * TextExamples.encode(reviews, "text", "label", 12, "word indices") { text -> vocab.indices(text) ... }
 * }</pre>
 */
public final class TextExamples {
    private TextExamples() {
    }

    /**
     * Examples whose features are {@code ids(text)} for each row's text (exactly {@code length}
     * numbers each) and whose labels are the label column's class indices.
     *
     * @param what how the texts were read, for the examples' name: "word indices", "token ids", ...
     * @throws io.perceptron.dsl.PerceptronException when a column is missing, the text column holds
     *     no texts, or the label column has fewer than two classes
     */
    public static Examples encode(Table table, String textColumn, String labelColumn, int length, String what,
                                  Function<String, int[]> ids) {
        Datasets.requireAtLeast("sequence length", length, 1);
        List<String> texts = texts(table, textColumn);
        ClassLabels labels = ClassLabels.of(table, labelColumn);
        float[] features = new float[texts.size() * length];
        for (int row = 0; row < texts.size(); row++) {
            int[] encoded = ids.apply(texts.get(row));
            for (int j = 0; j < length; j++) features[row * length + j] = encoded[j];
        }
        return Examples.of(table.name() + " as " + what, features, new long[] {length}, labels.indices(), new long[0],
                labels.names());
    }

    /** A column of texts, or an error that names the column and what it holds instead. */
    static List<String> texts(Table table, String column) {
        Column<?> found = ClassLabels.column(table, column);
        if (found.type() != ColumnType.STRING) {
            throw DataErrors.wrongColumnType(column, "texts", found.type().name().toLowerCase(Locale.ROOT) + " values");
        }
        List<String> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) out.add(found.getString(i));
        return out;
    }

    /** A label column read as class indices, with the class names in index order. */
    record ClassLabels(float[] indices, List<String> names) {

        static ClassLabels of(Table table, String column) {
            Column<?> labels = column(table, column);
            List<String> names;
            if (labels instanceof tech.tablesaw.api.NumericColumn<?> numbers) {
                TreeSet<Double> distinct = new TreeSet<>();
                for (int i = 0; i < numbers.size(); i++) distinct.add(numbers.getDouble(i));
                names = distinct.stream().map(ClassLabels::numberName).toList();
            } else {
                names = new ArrayList<>(new TreeSet<>(Arrays.asList(asStrings(labels))));
            }
            if (names.size() < 2) {
                throw DataErrors.oneClass(column, names);
            }
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < names.size(); i++) position.put(names.get(i), i);
            float[] indices = new float[labels.size()];
            String[] values = labels instanceof tech.tablesaw.api.NumericColumn<?> numbers
                    ? java.util.stream.IntStream.range(0, numbers.size())
                            .mapToObj(i -> numberName(numbers.getDouble(i))).toArray(String[]::new)
                    : asStrings(labels);
            for (int i = 0; i < values.length; i++) indices[i] = position.get(values[i]);
            return new ClassLabels(indices, names);
        }

        static Column<?> column(Table table, String name) {
            if (!table.containsColumn(name)) {
                throw DataErrors.unknownColumn(name, table, null);
            }
            return table.column(name);
        }

        private static String[] asStrings(Column<?> column) {
            String[] out = new String[column.size()];
            for (int i = 0; i < out.length; i++) out[i] = column.getString(i);
            return out;
        }

        /** Whole numbers without ".0", so integer labels keep their own names ("0", "1"). */
        private static String numberName(double value) {
            return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        }
    }
}

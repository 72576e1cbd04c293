package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/**
 * The classes of a label column: their names in a stable order and each row's class index. A
 * column is a class label when it holds text or booleans, or whole numbers with few distinct
 * values; a column of measurements (many distinct or fractional numbers) is not.
 */
final class Classes {
    /** More distinct whole numbers than this and the column reads as a measurement, not a label. */
    static final int MAX_CLASSES = 20;

    private final List<String> names;
    private final int[] indexOfRow;

    private Classes(List<String> names, int[] indexOfRow) {
        this.names = List.copyOf(names);
        this.indexOfRow = indexOfRow;
    }

    /** The classes of {@code column}, or empty when it holds measurements rather than labels. */
    static Optional<Classes> of(Column<?> column) {
        boolean numeric = column instanceof NumericColumn<?>;
        // Numbers sort numerically (2 before 10), text alphabetically; "missing" sorts last.
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Classes::sortKey)
                : Comparator.<String>naturalOrder();
        Map<String, Integer> distinct = new TreeMap<>(order);
        List<String> texts = TableColumns.texts(column);
        for (int i = 0; i < texts.size(); i++) {
            if (numeric && !column.isMissing(i)) {
                double value = ((NumericColumn<?>) column).getDouble(i);
                if (value != Math.rint(value)) {
                    return Optional.empty();
                }
            }
            distinct.put(texts.get(i), 0);
            if (numeric && distinct.size() > MAX_CLASSES) {
                return Optional.empty();
            }
        }
        List<String> names = new ArrayList<>(distinct.keySet());
        for (int i = 0; i < names.size(); i++) {
            distinct.put(names.get(i), i);
        }
        int[] indices = new int[texts.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = distinct.get(texts.get(i));
        }
        return Optional.of(new Classes(names, indices));
    }

    private static double sortKey(String text) {
        return "missing".equals(text) ? Double.MAX_VALUE : Double.parseDouble(text);
    }

    List<String> names() {
        return names;
    }

    int count() {
        return names.size();
    }

    int indexOfRow(int row) {
        return indexOfRow[row];
    }

    int rows() {
        return indexOfRow.length;
    }
}

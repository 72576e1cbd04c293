package io.perceptron.dsl.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The rows of a run's history, one per finished epoch, kept in column order. */
final class History {
    private final List<String> columns;
    private final List<Map<String, Double>> rows = new ArrayList<>();

    /** @param columns the metric columns after {@code epoch}, e.g. loss, accuracy, val_loss, val_accuracy */
    History(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    List<String> columns() {
        return columns;
    }

    void add(Map<String, Double> row) {
        rows.add(new LinkedHashMap<>(row));
    }

    int epochs() {
        return rows.size();
    }

    /** Epoch {@code epoch}'s row (from 1). */
    Map<String, Double> row(int epoch) {
        return rows.get(epoch - 1);
    }

    /** The last finished epoch's row, or an empty map. */
    Map<String, Double> last() {
        return rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1);
    }

    Table table() {
        Table table = Table.create("history");
        table.addColumns(IntColumn.create("epoch", rows.size()));
        for (int r = 0; r < rows.size(); r++) {
            table.intColumn("epoch").set(r, r + 1);
        }
        for (String column : columns) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = rows.get(r).getOrDefault(column, Double.NaN);
            }
            table.addColumns(DoubleColumn.create(column, values));
        }
        return table;
    }
}

package io.perceptron.dsl.plot;

import io.perceptron.dsl.data.DataErrors;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Reads a table's columns for a plot, turning every way a column can be wrong into a PlotErrors message. */
final class TableColumns {
    private TableColumns() {
    }

    /** The column named {@code name}; Tablesaw matches names ignoring case, and so does this. */
    static Column<?> column(String plot, Table table, String name) {
        for (String existing : table.columnNames()) {
            if (existing.equalsIgnoreCase(name)) {
                return table.column(existing);
            }
        }
        throw DataErrors.unknownColumn(name, table, plot + "(...)");
    }

    /** The column's values as doubles, {@code NaN} where a value is missing. */
    static double[] numbers(String plot, Table table, String name) {
        Column<?> column = column(plot, table, name);
        if (!(column instanceof NumericColumn<?> numeric)) {
            throw PlotErrors.notNumeric(plot, column.name(), column.type().name(), numericColumnNames(table));
        }
        double[] values = new double[numeric.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = numeric.isMissing(i) ? Double.NaN : numeric.getDouble(i);
        }
        return values;
    }

    /** The column's values as text, whole numbers without a trailing ".0" (class 1, not 1.0). */
    static List<String> texts(Column<?> column) {
        List<String> texts = new ArrayList<>(column.size());
        for (int i = 0; i < column.size(); i++) {
            if (column.isMissing(i)) {
                texts.add("missing");
            } else if (column instanceof NumericColumn<?> numeric) {
                texts.add(numberText(numeric.getDouble(i)));
            } else {
                texts.add(column.getUnformattedString(i));
            }
        }
        return texts;
    }

    static boolean isNumeric(Column<?> column) {
        return column instanceof NumericColumn<?>;
    }

    static void requireRows(String plot, Table table) {
        if (table.rowCount() == 0) {
            throw PlotErrors.emptyTable(plot, table.name());
        }
    }

    static List<String> numericColumnNames(Table table) {
        List<String> names = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            if (column instanceof NumericColumn<?>) {
                names.add(column.name());
            }
        }
        return names;
    }

    static String numberText(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}

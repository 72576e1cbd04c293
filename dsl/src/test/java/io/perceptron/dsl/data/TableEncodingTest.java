package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class TableEncodingTest {

    private static Table birds() {
        return Table.create("birds",
                StringColumn.create("island", "Dream", "Biscoe", "Dream", "Torgersen"),
                DoubleColumn.create("bill", 40.0, 50.0, 30.0, 40.0),
                IntColumn.create("mass", 3000, 5000, 4000, 4000));
    }

    @Test
    void textBecomesOneInputPerCategoryAndNumbersAreNormalizedWithTheTrainingStatistics() {
        TableEncoding encoding = TableEncoding.learn(birds(), List.of("island", "bill", "mass"), true);
        assertEquals(List.of("island=Biscoe", "island=Dream", "island=Torgersen", "bill", "mass"), encoding.inputNames());
        assertEquals(5, encoding.width());
        float[] rows = encoding.encode(birds());
        double massStd = Math.sqrt(500_000);     // values 3000, 5000, 4000, 4000 around 4000
        double billStd = Math.sqrt(50);          // 40, 50, 30, 40 around 40
        assertArrayEquals(new float[] {0, 1, 0, 0, (float) (-1000 / massStd)},
                new float[] {rows[0], rows[1], rows[2], rows[3], rows[4]}, 1e-5f);
        assertEquals(1f, rows[5], "row 1 is Biscoe");
        assertEquals((float) (10 / billStd), rows[5 + 3], 1e-5f);
        assertEquals("island one-hot as Biscoe, Dream, Torgersen; normalized bill, mass (mean and std of the training"
                + " table)", encoding.describe());
        Table shown = encoding.table();
        assertEquals(5, shown.rowCount());
        assertEquals("1 when island is Dream, else 0", shown.stringColumn("encoding").get(1));
        assertEquals("(x - 4000) / 707.1", shown.stringColumn("encoding").get(4));
    }

    @Test
    void theEncodingTravelsAsJsonAndReadsNewTablesTheSameWay() {
        TableEncoding encoding = TableEncoding.learn(birds(), List.of("mass", "island"), true);
        TableEncoding back = TableEncoding.fromJson(encoding.toJson());
        assertEquals(encoding, back);
        Table later = Table.create("later", StringColumn.create("island", "Torgersen"), IntColumn.create("mass", new int[] {4500}),
                DoubleColumn.create("other", 1.0));
        assertArrayEquals(encoding.encode(later), back.encode(later));
        assertArrayEquals(new float[] {(float) (500 / Math.sqrt(500_000)), 0, 0, 1}, back.encode(later), 1e-5f);
    }

    @Test
    void withoutNormalizationNumbersPassAsTheyAre() {
        float[] rows = TableEncoding.learn(birds(), List.of("mass"), false).encode(birds());
        assertArrayEquals(new float[] {3000, 5000, 4000, 4000}, rows);
    }

    @Test
    void missingValuesNameTheColumnTheCountAndTheOneLineFixes() {
        Table gaps = Table.read().usingOptions(CsvReadOptions.builderFromString(
                "island,bill\nDream,40.5\nBiscoe,NA\nNA,30.5\nTorgersen,NA\n").tableName("birds").missingValueIndicator("NA"));
        PerceptronException numbers = assertThrows(PerceptronException.class,
                () -> TableEncoding.learn(gaps, List.of("bill"), false));
        assertEquals("Column 'bill' of table 'birds' has 2 missing values (the first in row 1), and a model needs a"
                + " number for every cell. Drop those rows: table = table.dropWhere(table.column(\"bill\").isMissing());"
                + " or fill them: table.doubleColumn(\"bill\").setMissingTo(35.50)   // 35.50 is the column's mean."
                + " (table.dropRowsWithMissingValues() drops every row with a gap in any column.)", numbers.getMessage());
        PerceptronException text = assertThrows(PerceptronException.class,
                () -> TableEncoding.learn(gaps, List.of("island"), false));
        assertTrue(text.getMessage().contains("has 1 missing value (the first in row 2)")
                && text.getMessage().contains("table.stringColumn(\"island\").setMissingTo(\"unknown\")"), text.getMessage());
        Table fixed = gaps.dropWhere(gaps.column("bill").isMissing());
        assertEquals(2, TableEncoding.learn(fixed, List.of("bill"), false).encode(fixed).length);
    }

    @Test
    void anUnseenCategoryAColumnOfNamesAndAMissingColumnAreRefused() {
        TableEncoding encoding = TableEncoding.learn(birds(), List.of("island"), false);
        PerceptronException unseen = assertThrows(PerceptronException.class, () -> encoding.encode(
                Table.create("new", StringColumn.create("island", "Dream", "Anvers"))));
        assertEquals("Column 'island' has 'Anvers' in row 1, a category the model did not see in training, so it has"
                + " no input for it. Known: Biscoe, Dream, Torgersen. Drop or change those rows, or train again on data"
                + " that includes 'Anvers'.", unseen.getMessage());
        StringColumn names = StringColumn.create("name");
        for (int i = 0; i < 60; i++) names.append("bird " + i);
        PerceptronException many = assertThrows(PerceptronException.class,
                () -> TableEncoding.learn(Table.create("t", names), List.of("name"), false));
        assertTrue(many.getMessage().startsWith("Column 'name' holds 60 different texts."), many.getMessage());
        PerceptronException gone = assertThrows(PerceptronException.class,
                () -> encoding.encode(Table.create("other", DoubleColumn.create("bill", 1.0))));
        assertEquals("Unknown column 'island' in table 'other'. The table has: bill. Pass one of those names to"
                + " features(...).", gone.getMessage());
    }
}

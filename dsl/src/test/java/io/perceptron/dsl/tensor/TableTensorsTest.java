package io.perceptron.dsl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tensors.of(table, columns...): table columns as a matrix, one row per table row. */
class TableTensorsTest {
    private static final Table POINTS = Table.create("points",
            DoubleColumn.create("x1", 1.5, -2.0, 0.25),
            DoubleColumn.create("x2", 3.0, 4.0, -5.0),
            IntColumn.create("label", 0, 1, 1),
            StringColumn.create("name", "a", "b", "c"));

    @Test
    void namedColumnsBecomeTheColumnsOfAMatrixInTheOrderGiven() {
        NDArray x = Tensors.of(POINTS, "x2", "x1");

        assertEquals(new Shape(3, 2), x.getShape());
        assertEquals(DataType.FLOAT32, x.getDataType());
        assertArrayEquals(new double[] {3.0, 1.5, 4.0, -2.0, -5.0, 0.25}, Tensors.values(x));
    }

    @Test
    void oneColumnIsAColumnVectorAndWholeNumbersBecomeDecimals() {
        NDArray y = Tensors.of(POINTS, "label");

        assertEquals(new Shape(3, 1), y.getShape());
        assertEquals(DataType.FLOAT32, y.getDataType());
        assertArrayEquals(new double[] {0, 1, 1}, Tensors.values(y));
    }

    @Test
    void aGeneratedDataSetKeepsItsRowsInOrder() {
        Table moons = Datasets.moons(50, 0.1, 3);

        double[] values = Tensors.values(Tensors.of(moons, "x1", "x2"));

        for (int row : new int[] {0, 17, 49}) {
            assertEquals(moons.doubleColumn("x1").getDouble(row), values[2 * row], 1e-6, "x1 of row " + row);
            assertEquals(moons.doubleColumn("x2").getDouble(row), values[2 * row + 1], 1e-6, "x2 of row " + row);
        }
    }

    @Test
    void anUnknownColumnIsNamedWithTheColumnsThatExist() {
        String message = assertThrows(PerceptronException.class, () -> Tensors.of(POINTS, "x1", "x3")).getMessage();

        assertEquals("Unknown column 'x3' in table 'points'. The table has: x1, x2, label, name."
                + " Pass one of those names to Tensors.of(table, ...).", message);
    }

    @Test
    void textColumnsMissingValuesAndNoColumnsAreRefusedWithAdvice() {
        String text = assertThrows(PerceptronException.class, () -> Tensors.of(POINTS, "name")).getMessage();
        assertTrue(text.startsWith("Column 'name' holds string values, not numbers"), text);

        Table gappy = Table.create("gappy", DoubleColumn.create("x", 1.0, Double.NaN));
        String missing = assertThrows(PerceptronException.class, () -> Tensors.of(gappy, "x")).getMessage();
        assertTrue(missing.contains("Column 'x' has a missing value in row 1"), missing);

        String none = assertThrows(PerceptronException.class, () -> Tensors.of(POINTS)).getMessage();
        assertTrue(none.contains("None were named") && none.contains("Tensors.of(points, \"x1\", \"x2\", \"label\", \"name\")"),
                none);
    }
}

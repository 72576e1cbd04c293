package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PointDatasetsTest {

    @Test
    void theSameSeedGivesTheSameTableAndAnotherSeedADifferentOne() {
        assertEquals(Datasets.moons(200, 0.2, 7).printAll(), Datasets.moons(200, 0.2, 7).printAll());
        assertNotEquals(Datasets.moons(200, 0.2, 7).printAll(), Datasets.moons(200, 0.2, 8).printAll());
        assertEquals(Datasets.spirals(300, 3, 0.05, 1).printAll(), Datasets.spirals(300, 3, 0.05, 1).printAll());
        assertEquals(Datasets.circles(100, 0.1, 3).printAll(), Datasets.circles(100, 0.1, 3).printAll());
        assertEquals(Datasets.xor(100, 0.1, 3).printAll(), Datasets.xor(100, 0.1, 3).printAll());
    }

    @Test
    void pointSetsHaveTheRequestedRowsTheThreeColumnsAndBalancedClasses() {
        for (Table table : List.of(Datasets.moons(1001, 0.2, 1), Datasets.circles(1001, 0.1, 1),
                Datasets.xor(1001, 0.1, 1))) {
            assertEquals(1001, table.rowCount(), table.name());
            assertEquals(List.of("x1", "x2", "label"), table.columnNames(), table.name());
            int ones = (int) table.intColumn("label").sum();
            assertTrue(Math.abs(ones - 500.5) <= 1, table.name() + " has " + ones + " of 1001 in class 1");
        }
        Table spirals = Datasets.spirals(1000, 3, 0.05, 1);
        assertEquals(1000, spirals.rowCount());
        for (int c = 0; c < 3; c++) {
            int count = spirals.intColumn("label").isEqualTo(c).size();
            assertTrue(count == 333 || count == 334, "class " + c + " has " + count + " points");
        }
    }

    @Test
    void rowsAreShuffledSoAnyTailOfTheTableHoldsBothClasses() {
        Table moons = Datasets.moons(1000, 0.2, 42);
        Table lastFifth = moons.inRange(800, 1000);
        double share = lastFifth.intColumn("label").mean();
        assertTrue(share > 0.35 && share < 0.65, "class 1 share in the last 200 rows: " + share);
    }

    @Test
    void moonsDefeatAStraightLineButNotAFlexibleModel() {
        Table moons = Datasets.moons(1000, 0.2, 42);
        double linear = PointChecks.linearAccuracy(moons, 2);
        double neighbours = PointChecks.nearestNeighbourAccuracy(moons);
        assertTrue(linear < 0.9, "a straight line reached " + linear);
        assertTrue(neighbours >= 0.93, "nearest neighbour reached only " + neighbours);
    }

    @Test
    void spiralsAreFarFromLinearlySeparableYetLearnableAtTheRecommendedNoise() {
        Table spirals = Datasets.spirals(1500, 3, 0.05, 42);
        double linear = PointChecks.linearAccuracy(spirals, 3);
        double neighbours = PointChecks.nearestNeighbourAccuracy(spirals);
        assertTrue(linear < 0.65, "a linear model reached " + linear);
        assertTrue(neighbours >= 0.9, "nearest neighbour reached only " + neighbours);
    }

    @Test
    void xorLabelsFollowTheSignsOfTheCoordinatesAndDefeatALinearModel() {
        Table xor = Datasets.xor(400, 0.1, 5);
        for (int i = 0; i < xor.rowCount(); i++) {
            boolean differ = xor.doubleColumn("x1").getDouble(i) * xor.doubleColumn("x2").getDouble(i) < 0;
            assertEquals(differ ? 1 : 0, xor.intColumn("label").getInt(i), "row " + i);
        }
        assertTrue(PointChecks.linearAccuracy(xor, 2) < 0.75);
    }

    @Test
    void circlesPutClassOneOnTheInnerRing() {
        Table circles = Datasets.circles(400, 0.0, 0.3, 2);
        for (int i = 0; i < circles.rowCount(); i++) {
            double r = Math.hypot(circles.doubleColumn("x1").getDouble(i), circles.doubleColumn("x2").getDouble(i));
            assertEquals(circles.intColumn("label").getInt(i) == 1 ? 0.3 : 1.0, r, 1e-9);
        }
    }

    @Test
    void splitDividesRowsByTheFractionWithoutLosingOrRepeatingAny() {
        Table moons = Datasets.moons(1000, 0.2, 1);
        List<Table> parts = Datasets.split(moons, 0.8, 42);
        assertEquals(800, parts.get(0).rowCount());
        assertEquals(200, parts.get(1).rowCount());
        double total = moons.doubleColumn("x1").sum();
        double together = parts.get(0).doubleColumn("x1").sum() + parts.get(1).doubleColumn("x1").sum();
        assertEquals(total, together, 1e-9);
        assertEquals(parts.get(1).printAll(), Datasets.split(moons, 0.8, 42).get(1).printAll());
    }

    @Test
    void badArgumentsAreExplainedInTheUsersTerms() {
        PerceptronException noise = assertThrows(PerceptronException.class, () -> Datasets.moons(100, -0.1, 1));
        assertTrue(noise.getMessage().contains("noise") && noise.getMessage().contains("-0.1"), noise.getMessage());
        PerceptronException classes = assertThrows(PerceptronException.class, () -> Datasets.spirals(100, 1, 0.1, 1));
        assertTrue(classes.getMessage().contains("at least 2") && classes.getMessage().contains("arms"),
                classes.getMessage());
        PerceptronException factor = assertThrows(PerceptronException.class, () -> Datasets.circles(100, 0.1, 1.5, 1));
        assertTrue(factor.getMessage().contains("between 0 and 1"), factor.getMessage());
        PerceptronException fraction = assertThrows(PerceptronException.class,
                () -> Datasets.split(Datasets.xor(8, 0, 1), 1.0, 1));
        assertTrue(fraction.getMessage().contains("split fraction"), fraction.getMessage());
    }
}

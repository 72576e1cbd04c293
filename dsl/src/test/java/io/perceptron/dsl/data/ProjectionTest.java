package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ProjectionTest {

    @Test
    void pointsOnATiltedPlaneInFiveDimensionsKeepTheirDistancesInTwo() {
        // Points of a plane spanned by two orthonormal directions of 5-D space, moved off the origin:
        // PCA must find that plane, so every distance between two points survives the projection.
        Random random = new Random(3);
        double[] u = normalized(new double[] {1, 2, 0, -1, 3});
        double[] w = orthonormalTo(u, new double[] {0, 1, 1, 2, -1});
        float[][] vectors = new float[30][5];
        double[][] plane = new double[30][2];
        for (int i = 0; i < 30; i++) {
            plane[i][0] = 4 * random.nextGaussian();
            plane[i][1] = random.nextGaussian();
            for (int j = 0; j < 5; j++) {
                vectors[i][j] = (float) (7 + plane[i][0] * u[j] + plane[i][1] * w[j]);
            }
        }
        Table points = Projection.pca(vectors, labels(30));

        for (int a = 0; a < 30; a++) {
            for (int b = a + 1; b < 30; b++) {
                double original = Math.hypot(plane[a][0] - plane[b][0], plane[a][1] - plane[b][1]);
                double projected = Math.hypot(points.doubleColumn("pc1").get(a) - points.doubleColumn("pc1").get(b),
                        points.doubleColumn("pc2").get(a) - points.doubleColumn("pc2").get(b));
                assertEquals(original, projected, 1e-4, "distance between points " + a + " and " + b);
            }
        }
        assertEquals("PCA of 30 vectors: 5 → 2 dimensions, 100% of the variance", points.name());
    }

    @Test
    void theFirstAxisFollowsTheWidestSpreadAndTheRowsKeepTheirLabels() {
        // x spreads five times wider than y, z is noise: pc1 is x (up to the sign rule), pc2 is y.
        Random random = new Random(11);
        float[][] vectors = new float[200][3];
        for (float[] v : vectors) {
            v[0] = (float) (5 * random.nextGaussian());
            v[1] = (float) random.nextGaussian();
            v[2] = (float) (0.1 * random.nextGaussian());
        }
        Table points = Projection.pca(vectors, labels(200));

        assertEquals(List.of("label", "pc1", "pc2"), points.columnNames());
        assertEquals("point 7", points.stringColumn("label").get(7));
        assertTrue(Math.abs(correlation(points, "pc1", vectors, 0)) > 0.99, "pc1 follows x");
        assertTrue(Math.abs(correlation(points, "pc2", vectors, 1)) > 0.99, "pc2 follows y");
        assertTrue(points.doubleColumn("pc1").variance() > 20 * points.doubleColumn("pc2").variance());
        assertTrue(points.name().endsWith("3 → 2 dimensions, 100% of the variance"), points.name());
    }

    @Test
    void theSameVectorsAlwaysGiveTheSamePicture() {
        Random random = new Random(5);
        float[][] vectors = new float[20][8];
        for (float[] v : vectors) {
            for (int j = 0; j < v.length; j++) v[j] = (float) random.nextGaussian();
        }
        Table first = Projection.pca(vectors, labels(20));
        Table second = Projection.pca(vectors, labels(20));
        assertEquals(first.printAll(), second.printAll());
        assertTrue(first.name().startsWith("PCA of 20 vectors: 8 → 2 dimensions, "), first.name());
    }

    @Test
    void vectorsThatCannotBeProjectedAreRefusedWithTheFix() {
        String one = assertThrows(PerceptronException.class,
                () -> Projection.pca(new float[][] {{1, 2}}, List.of("a"))).getMessage();
        assertTrue(one.contains("at least 2 vectors") && one.contains("but 1 were given"), one);
        String ragged = assertThrows(PerceptronException.class,
                () -> Projection.pca(new float[][] {{1, 2, 3}, {1, 2}}, List.of("a", "b"))).getMessage();
        assertEquals("Vector 1 has 2 numbers, but vector 0 has 3. All vectors must have the same length: take them"
                + " from the same layer.", ragged);
        String labels = assertThrows(PerceptronException.class,
                () -> Projection.pca(new float[][] {{1, 2}, {3, 4}}, List.of("a"))).getMessage();
        assertEquals("There are 1 labels for 2 vectors. Pass one label per vector, in the same order.", labels);
        String flat = assertThrows(PerceptronException.class,
                () -> Projection.pca(new float[][] {{1}, {2}}, List.of("a", "b"))).getMessage();
        assertTrue(flat.contains("at least 2 numbers") && flat.contains("have 1"), flat);
    }

    private static List<String> labels(int n) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) labels.add("point " + i);
        return labels;
    }

    private static double correlation(Table points, String column, float[][] vectors, int coordinate) {
        double[] a = points.doubleColumn(column).asDoubleArray();
        double[] b = new double[vectors.length];
        for (int i = 0; i < b.length; i++) b[i] = vectors[i][coordinate];
        double ma = mean(a);
        double mb = mean(b);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    private static double[] normalized(double[] v) {
        double norm = 0;
        for (double x : v) norm += x * x;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] / Math.sqrt(norm);
        return out;
    }

    private static double[] orthonormalTo(double[] u, double[] v) {
        double dot = 0;
        for (int i = 0; i < u.length; i++) dot += u[i] * v[i];
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] - dot * u[i];
        return normalized(out);
    }
}

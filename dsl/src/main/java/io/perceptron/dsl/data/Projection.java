package io.perceptron.dsl.data;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Flattens many-dimensional vectors (an encoder's meaning vectors, a layer's activations) onto
 * the plane that keeps most of their spread, so they can be drawn as dots: principal component
 * analysis. The first axis is the direction in which the vectors differ most, the second the
 * direction of most remaining difference at right angles to it.
 *
 * <pre>{@code
 * val vectors = encoder.outputs(examples)                       // 40 rows of 64 numbers
 * val points = Projection.pca(vectors, sentences)               // label, pc1, pc2
 * points.name()                                                 // PCA of 40 vectors: 64 → 2 dimensions, 58% of the variance
 * Plot.scatter(points, "pc1", "pc2")
 * Projection.pca(arrayOf(floatArrayOf(1f, 2f)), listOf("one"))  // fails: at least 2 vectors are needed
 * }</pre>
 */
public final class Projection {
    /** Jacobi sweeps stop once every off-diagonal entry is this small relative to the matrix. */
    private static final double TOLERANCE = 1e-12;
    /** Far more sweeps than a symmetric matrix needs (a handful for 64 x 64); a guard, not a setting. */
    private static final int MAX_SWEEPS = 100;

    private Projection() {
    }

    /**
     * The vectors projected onto their first two principal components, as a table with columns
     * {@code label}, {@code pc1} and {@code pc2}, one row per vector in the order given. The table's
     * name says how much of the vectors' variance the two axes keep. Each axis points so that its
     * largest loading is positive, so the same vectors always give the same picture.
     *
     * @param vectors one row per point, all of the same length (at least 2)
     * @param labels  one label per row, shown with the dots
     */
    public static Table pca(float[][] vectors, List<String> labels) {
        if (vectors.length < 2) {
            throw DataErrors.tooFewVectors(vectors.length);
        }
        if (labels.size() != vectors.length) {
            throw DataErrors.labelCountDiffers(labels.size(), vectors.length);
        }
        int d = vectors[0].length;
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != d) {
                throw DataErrors.vectorLengthsDiffer(i, vectors[i].length, d);
            }
        }
        if (d < 2) {
            throw DataErrors.tooFewDimensions(d);
        }
        double[][] centered = centered(vectors);
        double[][] covariance = covariance(centered);
        double[][] axes = new double[d][d];
        double[] variances = eigen(covariance, axes);
        int[] order = descending(variances);
        double total = 0;
        for (double v : variances) {
            total += Math.max(0, v);
        }
        double[] pc1 = project(centered, axes, order[0]);
        double[] pc2 = project(centered, axes, order[1]);
        double kept = total == 0 ? 1 : (Math.max(0, variances[order[0]]) + Math.max(0, variances[order[1]])) / total;
        String name = String.format(Locale.ROOT, "PCA of %d vectors: %d → 2 dimensions, %.0f%% of the variance",
                vectors.length, d, 100 * kept);
        return Table.create(name, StringColumn.create("label", labels), DoubleColumn.create("pc1", pc1),
                DoubleColumn.create("pc2", pc2));
    }

    private static double[][] centered(float[][] vectors) {
        int n = vectors.length;
        int d = vectors[0].length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[j] / (double) n;
            }
        }
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = vectors[i][j] - mean[j];
            }
        }
        return out;
    }

    private static double[][] covariance(double[][] x) {
        int d = x[0].length;
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    c[a][b] += row[a] * row[b] / (x.length - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                c[a][b] = c[b][a];
            }
        }
        return c;
    }

    /**
     * Eigenvalues of the symmetric matrix {@code a} (destroyed), with the eigenvectors written
     * into the columns of {@code vectors}: cyclic Jacobi rotations, exact to rounding for any
     * symmetric matrix, including ones with repeated eigenvalues where power iteration stalls.
     */
    private static double[] eigen(double[][] a, double[][] vectors) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            vectors[i][i] = 1;
        }
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale += v * v;
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= TOLERANCE * TOLERANCE * scale) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, vectors, p, q);
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    /** One Jacobi rotation that zeroes {@code a[p][q]}. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int d = a.length;
        for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static int[] descending(double[] values) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((i, j) -> Double.compare(values[j], values[i])).mapToInt(Integer::intValue).toArray();
    }

    /** Coordinates along eigenvector {@code column}, its sign fixed so its largest loading is positive. */
    private static double[] project(double[][] x, double[][] vectors, int column) {
        int d = vectors.length;
        int largest = 0;
        for (int j = 1; j < d; j++) {
            if (Math.abs(vectors[j][column]) > Math.abs(vectors[largest][column])) {
                largest = j;
            }
        }
        double sign = vectors[largest][column] < 0 ? -1 : 1;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += x[i][j] * vectors[j][column];
            }
            out[i] = sign * sum;
        }
        return out;
    }
}

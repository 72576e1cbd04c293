package io.perceptron.dsl.data;

import tech.tablesaw.api.Table;

/**
 * Two reference classifiers for the point sets, written out plainly so the tests can say how
 * hard a data set is without training a network: a linear one (softmax regression, the best a
 * straight-line boundary does) and one-nearest-neighbour (what any flexible model can reach).
 */
final class PointChecks {

    private PointChecks() {
    }

    /** Held-out accuracy of softmax regression trained by full-batch gradient descent. */
    static double linearAccuracy(Table data, int classes) {
        int n = data.rowCount();
        int train = n * 4 / 5;
        double[][] w = new double[classes][3];
        double rate = 0.5;
        for (int epoch = 0; epoch < 500; epoch++) {
            double[][] grad = new double[classes][3];
            for (int i = 0; i < train; i++) {
                double[] x = features(data, i);
                double[] p = probabilities(w, x);
                int y = data.intColumn("label").getInt(i);
                for (int c = 0; c < classes; c++) {
                    double error = p[c] - (c == y ? 1 : 0);
                    for (int j = 0; j < 3; j++) grad[c][j] += error * x[j] / train;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < 3; j++) w[c][j] -= rate * grad[c][j];
            }
        }
        int right = 0;
        for (int i = train; i < n; i++) {
            if (argMax(probabilities(w, features(data, i))) == data.intColumn("label").getInt(i)) right++;
        }
        return right / (double) (n - train);
    }

    /** Held-out accuracy of the one-nearest-neighbour rule (first 80% of rows as memory). */
    static double nearestNeighbourAccuracy(Table data) {
        int n = data.rowCount();
        int train = n * 4 / 5;
        int right = 0;
        for (int i = train; i < n; i++) {
            double[] x = features(data, i);
            double best = Double.MAX_VALUE;
            int label = -1;
            for (int j = 0; j < train; j++) {
                double[] other = features(data, j);
                double d = Math.pow(x[1] - other[1], 2) + Math.pow(x[2] - other[2], 2);
                if (d < best) {
                    best = d;
                    label = data.intColumn("label").getInt(j);
                }
            }
            if (label == data.intColumn("label").getInt(i)) right++;
        }
        return right / (double) (n - train);
    }

    private static double[] features(Table data, int row) {
        return new double[] {1, data.doubleColumn("x1").getDouble(row), data.doubleColumn("x2").getDouble(row)};
    }

    private static double[] probabilities(double[][] w, double[] x) {
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            for (int j = 0; j < x.length; j++) z[c] += w[c][j] * x[j];
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) z[c] /= sum;
        return z;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}

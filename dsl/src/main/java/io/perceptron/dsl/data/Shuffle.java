package io.perceptron.dsl.data;

import java.util.Random;

/**
 * The DSL's one seeded shuffle (Fisher-Yates over row numbers): generated data sets, splits, the
 * validation split of a fit and each training epoch's order all draw from it, so a seed gives the
 * same order wherever it is used.
 *
 * <pre>{@code
 * Shuffle.order(5, Random(42))   // the numbers 0 to 4 in an order that seed 42 always gives
 * }</pre>
 */
public final class Shuffle {
    private Shuffle() {
    }

    /** The numbers {@code 0 .. n-1} in a random order drawn from {@code random}. */
    public static int[] order(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        inPlace(order, random);
        return order;
    }

    /** Puts {@code order} in a new random order drawn from {@code random}, every arrangement equally likely. */
    public static void inPlace(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}

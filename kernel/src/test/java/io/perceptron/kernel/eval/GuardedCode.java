package io.perceptron.kernel.eval;

import java.util.function.IntConsumer;

/**
 * Code standing in for a cell's classes in {@link CellBytecodeGuardTest}: it is only ever run
 * instrumented, loaded from {@link CellBytecodeGuard#instrument}'s output.
 */
public final class GuardedCode {

    private GuardedCode() {
    }

    /** Counts forever: ends only by the interrupt check at its loop's back-edge. */
    public static long spin() {
        long n = 0;
        while (true) {
            n++;
        }
    }

    /** Loops with a switch and a nested loop, and ends: the checks must not change what it computes. */
    public static long sumOfSquaresByKind(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            switch (i % 3) {
                case 0 -> sum += (long) i * i;
                case 1 -> {
                    for (int j = 0; j < 2; j++) {
                        sum += j;
                    }
                }
                default -> sum -= 1;
            }
        }
        return sum;
    }

    /** No loop: only the check at its entry. */
    public static int noLoop(int x) {
        return x + 1;
    }

    public static void systemExit() {
        System.exit(0);
    }

    public static void runtimeExit() {
        Runtime.getRuntime().exit(3);
    }

    public static void runtimeHalt() {
        Runtime.getRuntime().halt(4);
    }

    /** A method reference to System.exit: an invokedynamic whose handle points at it. */
    public static IntConsumer exitAsReference() {
        return System::exit;
    }
}

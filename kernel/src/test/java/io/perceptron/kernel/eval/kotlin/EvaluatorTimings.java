package io.perceptron.kernel.eval.kotlin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures what a notebook user waits for: the first cell of a session (the compiler warms up)
 * and later small cells. Not a test (tests never assert timings); run it in a fresh JVM after the
 * tests have written the cell class path, optionally idling a few seconds before the first cell
 * as a user reading the notebook would (the session warms its compiler meanwhile):
 *
 * <pre>
 * mvn -o -q -pl kernel dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/kernel-test.cp
 * java -cp kernel/target/classes:kernel/target/test-classes:$(cat /tmp/kernel-test.cp) \
 *     io.perceptron.kernel.eval.kotlin.EvaluatorTimings kernel/target/test-cell-classpath.txt [idle seconds]
 * </pre>
 */
public final class EvaluatorTimings {

    private static final int SMALL_CELLS = 20;

    private EvaluatorTimings() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("perceptron.test.cellClasspathFile", Path.of(args[0]).toAbsolutePath().toString());
        long idleMillis = args.length > 1 ? Long.parseLong(args[1]) * 1000 : 0;
        long start = System.nanoTime();
        try (KotlinEvaluator kotlin = TestCellClassPath.newEvaluator()) {
            long opened = System.nanoTime();
            Thread.sleep(idleMillis);
            long beforeFirst = System.nanoTime();
            kotlin.evaluate("val base = listOf(40, 2).sum()");
            long firstCell = System.nanoTime();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < SMALL_CELLS; i++) {
                long before = System.nanoTime();
                kotlin.evaluate("base + " + i);
                micros.add((System.nanoTime() - before) / 1000);
            }
            Collections.sort(micros);
            System.out.printf("open session %d ms, idle %d ms, first cell %d ms, %d small cells: median %d ms (min %d, max %d)%n",
                    (opened - start) / 1_000_000, idleMillis, (firstCell - beforeFirst) / 1_000_000, SMALL_CELLS,
                    micros.get(SMALL_CELLS / 2) / 1000, micros.get(0) / 1000, micros.get(SMALL_CELLS - 1) / 1000);
        }
    }
}

package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.EvalResult;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures what each executed cell keeps alive in a Kotlin session: the heap in use after a full
 * GC after 0, 100, 200, ... small cells (each defines a {@code val} and a {@code fun}), and,
 * given a class name, how many objects of that class the session reaches and by which path the
 * first one is held. Not a test; run after the tests have written the cell class path (the path
 * search needs the JDK's collections opened to it):
 *
 * <pre>
 * java --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.util.concurrent=ALL-UNNAMED \
 *     -cp "kernel/target/classes:kernel/target/test-classes:kernel/target/lib/*" \
 *     io.perceptron.kernel.eval.kotlin.CellMemoryProbe kernel/target/test-cell-classpath.txt 300 [.GenerationState]
 * </pre>
 */
public final class CellMemoryProbe {

    private static final int STEP = 100;

    private CellMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("perceptron.test.cellClasspathFile", Path.of(args[0]).toAbsolutePath().toString());
        int cells = Integer.parseInt(args[1]);
        try (KotlinEvaluator kotlin = TestCellClassPath.newEvaluator()) {
            kotlin.evaluate("1 + 1");
            System.out.printf("cells %4d: %6.1f MB after full GC%n", 0, usedAfterGc());
            for (int i = 1; i <= cells; i++) {
                EvalResult result = kotlin.evaluate("val value" + i + " = " + i + "\nfun function" + i + "(x: Int) = x + value" + i);
                if (!(result instanceof EvalResult.NoValue)) {
                    throw new IllegalStateException("cell " + i + " failed: " + result);
                }
                if (i % STEP == 0) {
                    System.out.printf("cells %4d: %6.1f MB after full GC%n", i, usedAfterGc());
                }
            }
            // The earliest and the latest cell's definitions are both still usable.
            System.out.println("function1(1) + function" + cells + "(1) = "
                    + kotlin.evaluate("function1(1) + function" + cells + "(1)"));
            if (args.length > 2) {
                findHolders(kotlin, args[2]);
            }
        }
    }

    private static double usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    /** Breadth-first through fields from {@code root}: counts objects whose class name ends with {@code suffix}, prints a path to the first. */
    private static void findHolders(Object root, String suffix) {
        Map<Object, Object> parent = new IdentityHashMap<>();
        Map<Object, String> via = new IdentityHashMap<>();
        Deque<Object> queue = new ArrayDeque<>();
        parent.put(root, root);
        queue.add(root);
        List<Object> found = new ArrayList<>();
        while (!queue.isEmpty()) {
            Object object = queue.poll();
            if (object.getClass().getName().endsWith(suffix)) {
                found.add(object);
            }
            for (Map.Entry<String, Object> edge : references(object)) {
                Object next = edge.getValue();
                if (next != null && !parent.containsKey(next) && !(next instanceof Class<?>)) {
                    parent.put(next, object);
                    via.put(next, edge.getKey());
                    queue.add(next);
                }
            }
        }
        System.out.println(found.size() + " objects of *" + suffix + " reachable from the session (" + parent.size() + " objects in all)");
        if (!found.isEmpty()) {
            List<String> path = new ArrayList<>();
            for (Object at = found.get(found.size() - 1); at != root; at = parent.get(at)) {
                path.add(at.getClass().getName() + " <- ." + via.get(at));
            }
            Collections.reverse(path);
            path.forEach(step -> System.out.println("  " + step));
        }
    }

    private static List<Map.Entry<String, Object>> references(Object object) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        Class<?> type = object.getClass();
        if (object instanceof Thread) {
            return out; // Thread locals would lead everywhere; threads are not what a cell leaves behind.
        }
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(object); i++) {
                    out.add(Map.entry("[" + i + "]", nullSafe(Array.get(object, i))));
                }
            }
            return out;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                        || (c == Reference.class && field.getName().equals("referent"))) {
                    continue; // Weak and soft references do not keep anything alive.
                }
                try {
                    field.setAccessible(true);
                    out.add(Map.entry(field.getName(), nullSafe(field.get(object))));
                } catch (RuntimeException | IllegalAccessException e) {
                    // A JDK-internal field not opened to us: not followed.
                }
            }
        }
        return out;
    }

    private static Object nullSafe(Object value) {
        return value == null ? NONE : value;
    }

    private static final Object NONE = new Object();
}

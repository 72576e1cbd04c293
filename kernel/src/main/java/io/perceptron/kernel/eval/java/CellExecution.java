package io.perceptron.kernel.eval.java;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's execution engine for the kernel: runs each snippet's code in the kernel's own JVM, on
 * the thread that evaluates the cell (JShell's own local engine starts a thread per snippet, which
 * an interrupt could not reach), with its classes defined by {@link SnippetClasses}.
 *
 * <p>The snippet's code runs through {@link SnippetRunner}, which the evaluator gives: it puts the
 * cell guard around it and keeps the real value and exception, which JShell would only pass on as
 * text.
 */
final class CellExecution extends DirectExecutionControl {

    /** Runs the code of one snippet: {@code doit} is the static method JShell wraps it in. */
    @FunctionalInterface
    interface SnippetRunner {
        /**
         * @return the snippet's value (its expression's, or null)
         * @throws Throwable what the snippet threw
         */
        Object run(Method doit) throws Throwable;
    }

    /** Longest text of a value {@link #varValue} gives. */
    private static final int VALUE_TEXT_LIMIT = 300;

    private final SnippetClasses classes;
    private final SnippetRunner runner;

    CellExecution(SnippetClasses classes, SnippetRunner runner) {
        super(classes);
        this.classes = classes;
        this.runner = runner;
    }

    /**
     * A variable's value as text for inspection, without running code declared in cells: the
     * value of an object whose class a cell declared is left out (its {@code toString} is the
     * user's code, which must not run on the thread asking), and a long text is cut.
     */
    @Override
    public String varValue(String className, String varName) throws InternalException {
        Object value;
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new InternalException(e.toString());
        }
        if (value != null && classes.declared(value.getClass())) {
            return "";
        }
        // As JShell writes values: a String in quotes, an array's elements.
        String text = valueString(value).strip();
        return text.length() > VALUE_TEXT_LIMIT ? text.substring(0, VALUE_TEXT_LIMIT) + "..." : text;
    }

    /** Hands this engine to JShell, which asks for it once, when the session is built. */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "perceptron-cells";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return CellExecution.this;
            }
        };
    }

    /**
     * Runs the snippet through the runner. Whatever it throws leaves as an
     * {@link InvocationTargetException}, which JShell reports as the snippet's exception with its
     * stack in snippet lines.
     */
    @Override
    protected String invoke(Method doit) throws Exception {
        Object value;
        try {
            value = runner.run(doit);
        } catch (Throwable thrown) {
            throw new InvocationTargetException(thrown);
        }
        // JShell keeps a text of the value only for its own display, which the kernel does not use;
        // rendering it here would call toString() on every result (a whole table, a tensor).
        return "";
    }
}

package io.perceptron.kernel.magics;

import java.io.PrintStream;

/**
 * A command a cell line starting with {@code %} runs, such as {@code %help}.
 *
 * <pre>{@code
 * %help
 * }</pre>
 */
public interface LineMagic {

    /** The name after the {@code %}, such as {@code help}. */
    String name();

    /** One line on what it does, listed by {@code %help} and in errors. */
    String summary();

    /**
     * Runs the magic.
     *
     * @param arguments the rest of the line after the name, trimmed
     * @param out       where its text goes (the cell's output)
     */
    void run(String arguments, PrintStream out);
}

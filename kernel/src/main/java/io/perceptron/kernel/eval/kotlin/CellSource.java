package io.perceptron.kernel.eval.kotlin;

import kotlin.script.experimental.api.SourceCode;

/**
 * The text of one cell (or of a completion request) as the Kotlin scripting compiler wants it.
 *
 * <p>The compiler turns {@code name} into the snippet's class name and the file name of its stack
 * frames, so it must be a valid JVM identifier and must never be reused within one compiler: the
 * REPL keeps per-name state, and a second source with an old name fails to analyse.
 *
 * @param name the snippet's class name, e.g. {@code Cell_3}
 * @param text the Kotlin code
 */
record CellSource(String name, String text) implements SourceCode {

    @Override
    public String getText() {
        return text;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getLocationId() {
        return name + ".kts";
    }
}

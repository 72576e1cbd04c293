package io.perceptron.kernel.eval;

import java.util.List;
import java.util.Optional;

/**
 * A language's answer to "is this stack frame in a cell, and what would the user call it?", so
 * that {@link Tracebacks} can cut every language's traces the same way: keep the frames from the
 * throw point down to the deepest cell frame, drop the machinery, name cell frames in the user's
 * words.
 *
 * <p>For Kotlin, a frame in the class {@code Cell_9} at line 2 of method {@code divide} reads
 * {@code divide (cell 9, line 2)}; the top-level code of that cell reads {@code cell 9, line 4}.
 */
public interface CellFrames {

    /** The user's words for {@code frame} if its code was compiled from a cell, else empty. */
    Optional<String> describe(StackTraceElement frame);

    /**
     * Package prefixes of the language's own machinery (its compiler, its REPL), whose frames a
     * user never sees, e.g. {@code org.jetbrains.kotlin.}; the kernel's own and the JDK's
     * reflection frames are hidden for every language.
     */
    List<String> machineryPackages();
}

package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.CellBytecodeGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import kotlin.script.experimental.api.CompiledScript;
import kotlin.script.experimental.jvm.impl.KJvmCompiledModuleInMemory;
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript;
import org.jetbrains.kotlin.scripting.compiler.plugin.impl.KJvmCompiledModuleInMemoryImpl;

/**
 * Puts {@link CellBytecodeGuard}'s interrupt checks and exit refusals into every class a cell
 * compiled to (the snippet's class, its functions, lambdas and classes), before the REPL loads
 * them. The compiler leaves a snippet's class files in memory, in its compiled module; that module
 * is replaced by one holding the instrumented files, from which the REPL's evaluator then loads.
 */
final class SnippetBytecode {

    private SnippetBytecode() {
    }

    /**
     * Instruments {@code script}'s classes in place.
     *
     * @throws IllegalStateException if the compiler left the classes somewhere else than in memory
     */
    static void guard(CompiledScript script) {
        if (!(script instanceof KJvmCompiledScript compiled)) {
            throw new IllegalStateException("Not a JVM script: " + script.getClass().getName());
        }
        if (!(compiled.getCompiledModule() instanceof KJvmCompiledModuleInMemory module)) {
            throw new IllegalStateException("The compiler left the classes of " + compiled.getScriptClassFQName()
                    + " outside memory (" + compiled.getCompiledModule() + "); they cannot be instrumented.");
        }
        Map<String, byte[]> guarded = new LinkedHashMap<>();
        module.getCompilerOutputFiles().forEach((name, bytes) ->
                guarded.put(name, CellBytecodeGuard.isClassFile(name) ? CellBytecodeGuard.instrument(bytes) : bytes));
        compiled.setCompiledModule$kotlin_scripting_jvm(new KJvmCompiledModuleInMemoryImpl(guarded));
        for (CompiledScript other : compiled.getOtherScripts()) {
            guard(other);
        }
    }
}

package io.perceptron.kernel.cli;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.eval.CellClassPath;
import io.perceptron.kernel.eval.CellImports;
import io.perceptron.kernel.eval.Evaluator;
import io.perceptron.kernel.eval.java.JavaEvaluator;
import io.perceptron.kernel.eval.kotlin.KotlinEvaluator;
import io.perceptron.kernel.protocol.KernelInfo;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import kotlin.KotlinVersion;

/**
 * The language a kernel's cells are written in, chosen by {@code --language} on its command line:
 * each kernelspec ({@code perceptron}, {@code perceptron-java}) names one.
 */
public enum CellLanguage {
    /** Kotlin scripts, the default. */
    KOTLIN("Kotlin"),
    /** Java statements, declarations and expressions, run by JShell. */
    JAVA("Java");

    private final String displayName;

    CellLanguage(String displayName) {
        this.displayName = displayName;
    }

    /** The name users know it by: {@code Kotlin}, {@code Java}. */
    public String displayName() {
        return displayName;
    }

    /**
     * The language named {@code name} on the command line, in any case.
     *
     * @throws IllegalArgumentException naming the languages there are
     */
    public static CellLanguage named(String name) {
        for (CellLanguage language : values()) {
            if (language.name().equalsIgnoreCase(name)) {
                return language;
            }
        }
        throw new IllegalArgumentException("Unknown cell language '" + name + "'. Use one of: "
                + Arrays.stream(values()).map(l -> l.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
    }

    /** An evaluator of this language over {@code classPath}, which it owns from now on, as it does {@code dependencies}. */
    Evaluator open(CellClassPath classPath, CellDependencies dependencies) {
        return switch (this) {
            case KOTLIN -> new KotlinEvaluator(classPath, CellImports.STANDARD, dependencies);
            case JAVA -> new JavaEvaluator(classPath, CellImports.STANDARD, dependencies);
        };
    }

    /** What {@code kernel_info_reply} says of a kernel of this language. */
    KernelInfo info(String kernelVersion) {
        return switch (this) {
            case KOTLIN -> KernelInfo.perceptron(kernelVersion, KotlinVersion.CURRENT.toString());
            case JAVA -> KernelInfo.perceptronJava(kernelVersion, Runtime.version().toString());
        };
    }
}

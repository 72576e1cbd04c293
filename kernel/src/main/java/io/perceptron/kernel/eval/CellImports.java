package io.perceptron.kernel.eval;

import java.util.List;

/**
 * What every cell imports, whatever its language: whole packages, and static members a cell calls
 * by their simple name. Each language writes them its own way; for the first package and the
 * member of {@link #STANDARD}, Kotlin writes {@code io.perceptron.dsl.*} and
 * {@code io.perceptron.dsl.display.Display.display}, Java would write
 * {@code import io.perceptron.dsl.*;} and {@code import static io.perceptron.dsl.display.Display.display;}.
 *
 * @param packages packages imported whole, e.g. {@code tech.tablesaw.api}
 * @param members  static members by their qualified name, e.g. {@code io.perceptron.dsl.display.Display.display}
 */
public record CellImports(List<String> packages, List<String> members) {

    /**
     * The DSL's packages, DJL's NDArray types, Tablesaw's API, and {@code display(x)}: what cells
     * get in every language. A package the DSL does not have yet is dropped by {@link #availableIn},
     * so listing it here never breaks a cell.
     */
    public static final CellImports STANDARD = new CellImports(
            List.of(
                    "io.perceptron.dsl",
                    "io.perceptron.dsl.model",
                    "io.perceptron.dsl.layer",
                    "io.perceptron.dsl.loss",
                    "io.perceptron.dsl.optimizer",
                    "io.perceptron.dsl.training",
                    "io.perceptron.dsl.data",
                    "io.perceptron.dsl.tensor",
                    "io.perceptron.dsl.plot",
                    "io.perceptron.dsl.display",
                    "ai.djl.ndarray",
                    "ai.djl.ndarray.types",
                    "tech.tablesaw.api"),
            List.of("io.perceptron.dsl.display.Display.display"));

    public CellImports {
        packages = List.copyOf(packages);
        members = List.copyOf(members);
    }

    /**
     * Only the imports that resolve against {@code classPath}: a package with at least one class,
     * a member whose class is there (the member itself is the compiler's to check).
     */
    public CellImports availableIn(CellClassPath classPath) {
        return new CellImports(
                packages.stream().filter(classPath::hasPackage).toList(),
                members.stream().filter(member -> classPath.hasClass(ownerOf(member))).toList());
    }

    /** The class a member belongs to: {@code io.perceptron.dsl.display.Display} for {@code ...Display.display}. */
    private static String ownerOf(String member) {
        int lastDot = member.lastIndexOf('.');
        return lastDot > 0 ? member.substring(0, lastDot) : member;
    }
}

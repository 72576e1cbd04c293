package io.perceptron.kernel.magics;

import io.perceptron.kernel.display.CellContext;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code %help}: what the kernel offers. The default imports, the DSL's entry points, the deep
 * learning engine and device, the magics and the keyboard shortcuts worth knowing.
 *
 * <pre>{@code
 * %help
 * }</pre>
 */
public final class HelpMagic implements LineMagic {
    /** The DSL's entry points, each with what it is for, in the order a newcomer meets them. */
    private static final Map<String, String> ENTRY_POINTS = new LinkedHashMap<>();

    static {
        ENTRY_POINTS.put("Model", "build a network layer by layer: Model.sequential().input(2).dense(16).relu()...");
        ENTRY_POINTS.put("Datasets", "generated and small built-in data sets, as Tablesaw tables");
        ENTRY_POINTS.put("Loss", "loss functions to train with");
        ENTRY_POINTS.put("Optimizer", "how training updates the weights: sgd, adam, ...");
        ENTRY_POINTS.put("Plot", "Plotly charts of tables and training histories");
        ENTRY_POINTS.put("Tensors", "make and inspect DJL NDArrays");
        ENTRY_POINTS.put("Pretrained", "published weights, offline: Pretrained.load(\"all-MiniLM-L6-v2\").embed(\"a sentence\")");
    }

    private static final String ENGINE = "ai.djl.engine.Engine";

    private final String language;
    private final List<String> defaultImports;
    private final ClassLoader cellLoader;
    private final Magics magics;

    /**
     * @param language       the cells' language as users name it: {@code Kotlin}, {@code Java}
     * @param defaultImports the imports every cell gets
     * @param cellLoader     the cells' class loader, to find the DSL and DJL
     * @param magics         the registry to list
     */
    public HelpMagic(String language, List<String> defaultImports, ClassLoader cellLoader, Magics magics) {
        this.language = language;
        this.defaultImports = List.copyOf(defaultImports);
        this.cellLoader = cellLoader;
        this.magics = magics;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "what this kernel offers: imports, DSL entry points, engine, shortcuts";
    }

    @Override
    public void run(String arguments, PrintStream out) {
        out.println("Perceptron: " + language + " cells with a deep-learning DSL over DJL, Tablesaw tables and Plotly plots.");
        out.println();
        out.println("Imported in every cell:");
        defaultImports.forEach(imported -> out.println("  import " + bare(imported)));
        out.println();
        out.println("DSL entry points (type the name, a dot, then Tab):");
        ENTRY_POINTS.forEach((name, what) -> out.printf("  %-10s %s%s%n", name, what,
                entryPoint(name).isPresent() ? "" : " (not on the cell class path)"));
        out.printf("  %-10s %s%n", "display(x)", "show any value now; Display.handle(x) gives an output to update in place");
        out.println();
        out.println("Engine: " + engine());
        out.println();
        out.println("Magics:");
        magics.all().forEach(magic -> out.printf("  %%%-9s %s%n", magic.name(), magic.summary()));
        if (language.equals("Kotlin") && magics.all().stream().anyMatch(magic -> magic instanceof MavenMagic)) {
            out.println("  In a Kotlin cell, @file:DependsOn(\"group:artifact:version\") and @file:Repository(\"URL\") "
                    + "at the top do what %maven does.");
        }
        out.println();
        out.println("Keyboard (JupyterLab, Notebook 7):");
        out.println("  Shift+Enter  run the cell         Tab        complete the name or member");
        out.println("  Shift+Tab    show the type of the name under the cursor");
        out.println("  I, I         interrupt a running cell (in command mode, after Esc)");
        out.println("  0, 0         restart the kernel: every value is forgotten");
    }

    /** The entry point class {@code simpleName} as cells see it: found through a default import. */
    private Optional<Class<?>> entryPoint(String simpleName) {
        for (String line : defaultImports) {
            String imported = bare(line);
            String candidate = imported.endsWith(".*")
                    ? imported.substring(0, imported.length() - 1) + simpleName
                    : imported.endsWith("." + simpleName) ? imported : null;
            if (candidate != null) {
                try {
                    return Optional.of(Class.forName(candidate, false, cellLoader));
                } catch (ClassNotFoundException | LinkageError notHere) {
                    // Try the next import.
                }
            }
        }
        return Optional.empty();
    }

    /** An import without its {@code import} keyword: {@code io.perceptron.dsl.*}. */
    private static String bare(String imported) {
        return imported.replaceFirst("^\\s*import\\s+", "").strip();
    }

    /**
     * The DJL engine, its version and device. Starts the engine if no cell has yet (about a
     * second the first time, as the first training would take anyway).
     */
    private String engine() {
        return CellContext.call(cellLoader, () -> {
            Class<?> engineType;
            try {
                engineType = Class.forName(ENGINE, true, cellLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                return "DJL is not on the cell class path";
            }
            try {
                Object engine = engineType.getMethod("getInstance").invoke(null);
                Object name = engineType.getMethod("getEngineName").invoke(engine);
                Object version = engineType.getMethod("getVersion").invoke(engine);
                Object device = engineType.getMethod("defaultDevice").invoke(engine);
                Object gpus = engineType.getMethod("getGpuCount").invoke(engine);
                return name + " " + version + ", default device " + device + ", GPUs: " + gpus;
            } catch (InvocationTargetException e) {
                return "the DJL engine could not start: " + e.getCause();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return "the DJL engine could not be asked: " + e;
            }
        });
    }

    @Override
    public String toString() {
        return "%help";
    }
}

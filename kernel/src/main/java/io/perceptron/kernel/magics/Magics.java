package io.perceptron.kernel.magics;

import io.perceptron.kernel.deps.CellDependencies;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's line magics, and how a cell is split into magic lines and code.
 *
 * <p>A cell may start with magic lines; the code after them runs as usual:
 * <pre>{@code
 * %help
 * val x = 1
 * }</pre>
 * Neither Kotlin nor Java has a statement that starts with {@code %}, so such a line is never code.
 */
public final class Magics {
    private final Map<String, LineMagic> byName = new LinkedHashMap<>();

    /** A registry holding {@code magics}. */
    public Magics(List<LineMagic> magics) {
        magics.forEach(this::add);
    }

    /** {@code %help} alone, listing {@code defaultImports} and what {@code cellLoader} offers, for Kotlin cells. */
    public static Magics standard(List<String> defaultImports, ClassLoader cellLoader) {
        return standard(defaultImports, cellLoader, "Kotlin");
    }

    private static Magics standard(List<String> defaultImports, ClassLoader cellLoader, String language) {
        Magics magics = new Magics(List.of());
        magics.add(new HelpMagic(language, defaultImports, cellLoader, magics));
        return magics;
    }

    /**
     * The kernel's magics: {@code %help}, and {@code %maven} and {@code %jars} adding to the class
     * path of {@code dependencies}. The same for every cell language.
     */
    public static Magics standard(List<String> defaultImports, ClassLoader cellLoader, CellDependencies dependencies) {
        return standard(defaultImports, cellLoader, dependencies, "Kotlin");
    }

    /** The kernel's magics for cells in {@code language} ({@code Kotlin}, {@code Java}), as %help names it. */
    public static Magics standard(List<String> defaultImports, ClassLoader cellLoader, CellDependencies dependencies,
                                  String language) {
        Magics magics = standard(defaultImports, cellLoader, language);
        magics.add(new MavenMagic(dependencies));
        magics.add(new JarsMagic(dependencies));
        return magics;
    }

    /** Adds {@code magic}, replacing one of the same name. */
    public void add(LineMagic magic) {
        byName.put(magic.name(), magic);
    }

    /** Every magic, in the order added. */
    public List<LineMagic> all() {
        return List.copyOf(byName.values());
    }

    /**
     * A cell split into its leading magic lines and the code after them.
     *
     * @param magicLines the lines starting with {@code %}, in order
     * @param code       the rest of the cell, with an empty line in place of each line before it so
     *                   that errors in the code name the line numbers the user sees
     */
    public record MagicCell(List<String> magicLines, String code) {
        /** Whether the cell has any magic line. */
        public boolean hasMagics() {
            return !magicLines.isEmpty();
        }
    }

    /** Splits {@code cell}: leading lines starting with {@code %} (blank lines between them skipped). */
    public static MagicCell split(String cell) {
        List<String> magicLines = new ArrayList<>();
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && (lines[first].isBlank() || lines[first].stripLeading().startsWith("%"))) {
            if (!lines[first].isBlank()) {
                magicLines.add(lines[first].strip());
            }
            first++;
        }
        if (magicLines.isEmpty()) {
            return new MagicCell(List.of(), cell);
        }
        return new MagicCell(magicLines, "\n".repeat(first) + String.join("\n", List.of(lines).subList(first, lines.length)));
    }

    /**
     * Runs one magic line such as {@code %help}.
     *
     * @throws MagicException if the line names no known magic
     */
    public void run(String line, PrintStream out) {
        String body = line.strip().substring(1);
        int space = indexOfWhitespace(body);
        String name = space < 0 ? body : body.substring(0, space);
        String arguments = space < 0 ? "" : body.substring(space).strip();
        if (name.isEmpty()) {
            throw MagicException.unnamed(line, byName.keySet());
        }
        LineMagic magic = byName.get(name);
        if (magic == null) {
            throw MagicException.unknown(name, byName.keySet());
        }
        magic.run(arguments, out);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "Magics" + byName.keySet();
    }
}

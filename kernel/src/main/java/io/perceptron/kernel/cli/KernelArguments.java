package io.perceptron.kernel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's command line, as the kernelspec writes it:
 * {@code Main --cell-classpath build/kernel/cell [--language java] /path/to/kernel-1234.json}.
 *
 * @param connectionFile the connection file Jupyter wrote (ports, key, signature scheme)
 * @param cellClassPath  the jars cells see, every {@code *.jar} of the {@code --cell-classpath}
 *                       folders, in name order
 * @param language       the cells' language, Kotlin unless {@code --language} names another
 */
public record KernelArguments(Path connectionFile, List<Path> cellClassPath, CellLanguage language) {
    /** How to call the kernel, shown with every argument error. */
    public static final String USAGE = "usage: java -cp 'build/kernel/lib/*' io.perceptron.kernel.cli.Main "
            + "[--cell-classpath FOLDER]... [--language kotlin|java] CONNECTION_FILE";

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and what to do
     */
    public static KernelArguments parse(String... args) {
        Path connectionFile = null;
        List<Path> cellClassPath = new ArrayList<>();
        CellLanguage language = CellLanguage.KOTLIN;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--cell-classpath")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--cell-classpath needs a folder of jars after it.");
                }
                cellClassPath.addAll(jarsIn(Path.of(args[++i])));
            } else if (arg.equals("--language")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--language needs a language after it: kotlin or java.");
                }
                language = CellLanguage.named(args[++i]);
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("Unknown option " + arg + ".");
            } else if (connectionFile != null) {
                throw new IllegalArgumentException("Expected one connection file, got " + connectionFile + " and " + arg + ".");
            } else {
                connectionFile = Path.of(arg);
            }
        }
        if (connectionFile == null) {
            throw new IllegalArgumentException("No connection file given. Jupyter passes it as {connection_file} in kernel.json.");
        }
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("The connection file " + connectionFile + " does not exist.");
        }
        return new KernelArguments(connectionFile, List.copyOf(cellClassPath), language);
    }

    private static List<Path> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("The cell class path folder " + folder
                    + " does not exist. Run install/run.sh to build it.");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the cell class path folder " + folder, e);
        }
    }
}

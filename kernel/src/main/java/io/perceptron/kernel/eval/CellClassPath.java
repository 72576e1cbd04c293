package io.perceptron.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The jars and folders cells compile against and run with, and the class loader over them.
 *
 * <p>The loader's parent is the platform class loader, not the kernel's: cells see the JDK and
 * this class path only, so the kernel's own libraries (ZeroMQ, Gson, the Kotlin compiler) can
 * neither leak into a cell nor clash with a library a cell brings.
 *
 * <p>It starts with what the kernel provides (the DSL, DJL, Tablesaw, kotlin-stdlib) and grows
 * when a cell adds jars ({@code %maven}, {@code %jars}, {@code @file:DependsOn}): {@link #add}
 * appends them to the same loader, after the provided entries, so a provided class always wins
 * and every later cell, and every library looking through the context class loader, sees them.
 * Evaluators read {@link #files()} before each compilation.
 */
public final class CellClassPath implements AutoCloseable {

    /** A class every Kotlin program needs at run time; its absence means kotlin-stdlib is missing. */
    private static final String KOTLIN_STDLIB_MARKER = "kotlin/Unit.class";

    private final List<Path> provided;
    /** Guarded by {@code this}: the provided entries, then every added jar in the order added. */
    private final List<Path> entries;
    private final CellLoader loader;
    private Set<String> packages;

    /** The cells' class loader; {@code addURL} is opened up for {@link #add}. */
    private static final class CellLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        CellLoader(URL[] urls) {
            super("perceptron-cells", urls, ClassLoader.getPlatformClassLoader());
        }

        void append(URL url) {
            addURL(url);
        }
    }

    private CellClassPath(List<Path> provided, CellLoader loader) {
        this.provided = provided;
        this.entries = new ArrayList<>(provided);
        this.loader = loader;
    }

    /**
     * Checks {@code entries} and opens a class loader over them.
     *
     * @throws IllegalArgumentException if an entry does not exist or kotlin-stdlib is missing
     */
    public static CellClassPath of(List<Path> entries) {
        List<Path> absolute = entries.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Path> missing = absolute.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(EvalMessages.missingClassPathEntries(missing));
        }
        URL[] urls = absolute.stream().map(CellClassPath::url).toArray(URL[]::new);
        CellLoader loader = new CellLoader(urls);
        if (loader.findResource(KOTLIN_STDLIB_MARKER) == null) {
            throw new IllegalArgumentException(EvalMessages.kotlinStdlibMissing());
        }
        return new CellClassPath(absolute, loader);
    }

    /** The entries as files, in order, for the compiler: the provided ones, then those added. */
    public synchronized List<File> files() {
        return entries.stream().map(Path::toFile).toList();
    }

    /** The entries the kernel provides to every cell (given at start), without those added since. */
    public List<Path> provided() {
        return provided;
    }

    /** The jars added since start, in the order added. */
    public synchronized List<Path> added() {
        return List.copyOf(entries.subList(provided.size(), entries.size()));
    }

    /**
     * Appends {@code jars} for this cell and every later one; entries already present are skipped.
     *
     * @return the jars that were new
     * @throws IllegalArgumentException if a jar does not exist
     */
    public synchronized List<Path> add(List<Path> jars) {
        List<Path> added = new ArrayList<>();
        for (Path jar : jars) {
            Path absolute = jar.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                // The callers add only files they just resolved or listed: a missing one is a kernel bug.
                throw new IllegalArgumentException("Cannot add " + absolute + " to the cell class path: it does not exist.");
            }
            if (!entries.contains(absolute)) {
                entries.add(absolute);
                loader.append(url(absolute));
                added.add(absolute);
            }
        }
        if (!added.isEmpty()) {
            packages = null;
        }
        return List.copyOf(added);
    }

    /** The class loader cells run in (the first snippet's parent). */
    public URLClassLoader loader() {
        return loader;
    }

    /**
     * Whether a Kotlin import can resolve against this class path: a star import needs its
     * package (or, for members of a class, the class); a single import needs its class, or the
     * class it is a member of ({@code io.perceptron.dsl.display.Display.display}).
     */
    boolean canImport(String importPath) {
        boolean star = importPath.endsWith(".*");
        String target = star ? importPath.substring(0, importPath.length() - 2) : importPath;
        if (star && packages().contains(target)) {
            return true;
        }
        if (hasClass(target)) {
            return true;
        }
        int lastDot = target.lastIndexOf('.');
        return !star && lastDot > 0 && hasClass(target.substring(0, lastDot));
    }

    private boolean hasClass(String dottedName) {
        return loader.findResource(dottedName.replace('.', '/') + ".class") != null;
    }

    /** Every package holding at least one class, read once from the jars' directories and the folders. */
    private synchronized Set<String> packages() {
        if (packages == null) {
            Set<String> found = new HashSet<>();
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    addPackagesOfFolder(entry, found);
                } else {
                    addPackagesOfJar(entry, found);
                }
            }
            packages = found;
        }
        return packages;
    }

    private static void addPackagesOfJar(Path jar, Set<String> found) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class"))
                    .forEach(name -> addPackageOf(name, found));
        } catch (IOException e) {
            // Not a readable jar: it contributes no packages, and the compiler will say why if it matters.
        }
    }

    private static void addPackagesOfFolder(Path folder, Set<String> found) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .forEach(f -> addPackageOf(folder.relativize(f).toString().replace(File.separatorChar, '/'), found));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addPackageOf(String classFile, Set<String> found) {
        int slash = classFile.lastIndexOf('/');
        if (slash > 0) {
            found.add(classFile.substring(0, slash).replace('/', '.'));
        }
    }

    private static URL url(Path path) {
        try {
            // File.toURI, as the scripting library does, so it recognises these entries as already loaded.
            return path.toFile().toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a usable class path entry: " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            // Closing only releases open jar files; nothing to recover.
        }
    }
}

package io.perceptron.kernel.eval;

import java.io.File;
import io.perceptron.kernel.eval.incell.CellChecks;
import java.io.IOException;
import java.io.InputStream;
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
 * The jars and folders cells compile against and run with, and the class loader over them; the
 * same for every language.
 *
 * <p>The loader's parent is the platform class loader, not the kernel's: cells see the JDK and
 * this class path only, so the kernel's own libraries (ZeroMQ, Gson, the Kotlin compiler) can
 * neither leak into a cell nor clash with a library a cell brings.
 * <pre>{@code
 * CellClassPath classPath = CellClassPath.of(cellJars);  // the DSL, DJL, Tablesaw, kotlin-stdlib
 * classPath.hasPackage("io.perceptron.dsl.model");      // true
 * classPath.loader().loadClass("org.zeromq.ZMQ");        // ClassNotFoundException: not the kernel's classes
 * }</pre>
 *
 * <p>It starts with what the kernel provides and grows when a cell adds jars ({@code %maven},
 * {@code %jars}, {@code @file:DependsOn}, see {@code deps/CellDependencies}): {@link #add} appends
 * them to the same loader, after the provided entries, so a provided class always wins, and every
 * later cell, and every library that looks through the context class loader, sees them. A
 * language's compiler reads {@link #files()} again before it compiles.
 */
public final class CellClassPath implements AutoCloseable {

    private final List<Path> provided;
    /** Guarded by {@code this}: the provided entries, then every added jar in the order added. */
    private final List<Path> entries;
    private final CellLoader loader;
    private Set<String> packages;

    /**
     * The cells' class loader, with {@code addURL} opened up for {@link #add}. It also defines the
     * classes instrumented cell code calls ({@link CellBytecodeGuard}, package {@code eval.incell}),
     * from the kernel's own class files: the one part of the kernel cells can reach.
     */
    private static final class CellLoader extends URLClassLoader {
        private static final String IN_CELL_PACKAGE = CellChecks.class.getPackageName() + ".";

        static {
            ClassLoader.registerAsParallelCapable();
        }

        CellLoader(URL[] urls) {
            super("perceptron-cells", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.startsWith(IN_CELL_PACKAGE)) {
                return super.findClass(name);
            }
            String file = name.replace('.', '/') + ".class";
            try (InputStream in = CellLoader.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
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
     * @throws IllegalArgumentException if an entry does not exist, naming every missing one
     */
    public static CellClassPath of(List<Path> entries) {
        List<Path> absolute = entries.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        List<Path> missing = absolute.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(EvalMessages.missingClassPathEntries(missing));
        }
        URL[] urls = absolute.stream().map(CellClassPath::url).toArray(URL[]::new);
        return new CellClassPath(absolute, new CellLoader(urls));
    }

    /** The entries as files, in order, for a compiler: the provided ones, then those added. */
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

    /** The class loader cells run in (the parent of the loaders of the cells' own classes). */
    public URLClassLoader loader() {
        return loader;
    }

    /**
     * Whether some entry holds package {@code dottedName} ({@code tech.tablesaw.api}): its folder, as
     * Kotlin sees packages. A jar's entry for the folder answers at once; only a jar without folder
     * entries makes every entry of every jar be read, once (0.1 to 0.3 s for the kernel's cell class
     * path, while the kernel starts).
     */
    public boolean hasPackage(String dottedName) {
        return hasResource(dottedName.replace('.', '/') + "/") || packages().contains(dottedName);
    }

    /** Whether some entry holds the class {@code dottedName} ({@code io.perceptron.dsl.display.Display}). */
    public boolean hasClass(String dottedName) {
        return hasResource(dottedName.replace('.', '/') + ".class");
    }

    /** Whether some entry holds the file {@code path}, slash-separated ({@code kotlin/Unit.class}). */
    public boolean hasResource(String path) {
        return loader.findResource(path) != null;
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

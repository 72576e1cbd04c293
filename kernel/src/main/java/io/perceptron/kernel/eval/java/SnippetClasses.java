package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.CellBytecodeGuard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Defines the classes JShell compiles from Java cells, in a class loader whose parent is the cell
 * class loader: cells see the DSL, DJL, Tablesaw and the jars {@code %maven} added, exactly what
 * Kotlin cells see, and never the kernel's own libraries.
 *
 * <p>Every class of every cell arrives through {@link #load}, and its bytes through
 * {@link #prepare} before they are defined: the one place where the kernel rewrites a Java cell's
 * bytecode (interrupt checks, {@code System.exit} refused: {@link CellBytecodeGuard}).
 */
final class SnippetClasses implements LoaderDelegate {

    /** The loader of every cell class; classes of one cell refer to those of earlier cells by name. */
    private static final class Loader extends ClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        /** Bytes of every class JShell handed over, by binary name; defined on first use. */
        private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

        Loader(ClassLoader cellLoader) {
            super("perceptron-java-cells", cellLoader);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytecode = compiled.get(name);
            if (bytecode == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytecode, 0, bytecode.length);
        }
    }

    private final Loader loader;

    /** @param cellLoader the cell class path's loader, which every cell class delegates to first */
    SnippetClasses(ClassLoader cellLoader) {
        this.loader = new Loader(cellLoader);
    }

    /**
     * Takes the classes of one snippet and defines them at once, so that a class that cannot be
     * defined is reported while the snippet is installed, not when it first runs.
     */
    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        for (ClassBytecodes bytecodes : classes) {
            loader.compiled.put(bytecodes.name(), prepare(bytecodes.bytecodes()));
        }
        boolean[] installed = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            try {
                loader.loadClass(classes[i].name());
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("Could not define " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    /**
     * The bytes a cell class is defined from: what JShell compiled, with {@link CellBytecodeGuard}'s
     * interrupt checks and without exits, as for every language's cell classes.
     */
    private static byte[] prepare(byte[] bytecode) {
        return CellBytecodeGuard.instrument(bytecode);
    }

    /** JShell redefines nothing it loaded here (it names a changed class anew); kept for the interface. */
    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
    }

    /**
     * Nothing to do: jars join the cell class path (the parent loader) before JShell is told of
     * them, so they are already visible here.
     */
    @Override
    public void addToClasspath(String path) {
    }

    /** Whether a cell declared {@code type} (or a class nested in one), rather than a library or the JDK. */
    boolean declared(Class<?> type) {
        return type.getClassLoader() == loader;
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }
}

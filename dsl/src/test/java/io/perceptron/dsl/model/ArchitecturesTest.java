package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The famous architectures count exactly the parameters of their reference implementations, and
 * describing them allocates nothing.
 */
class ArchitecturesTest {

    @Test
    void alexNetHasTorchvisionsParameterCount() {
        Model alexNet = Architectures.alexNet();
        assertEquals(61_100_840L, alexNet.parameterCount());
        assertEquals(new Shape(1000), alexNet.outputShape());
        Table summary = alexNet.summary();
        assertEquals("(64, 55, 55)", summary.stringColumn("output shape").get(1), "after the first convolution");
        assertEquals("adaptiveAvgPool(6, 6)", summary.stringColumn("layer").get(14));
        assertEquals("(256, 6, 6)", summary.stringColumn("output shape").get(14));
        assertEquals("(9216)", summary.stringColumn("output shape").get(15), "flattened for the classifier");
    }

    @Test
    void bertHasHuggingFacesParameterCountsWithThePooler() {
        assertEquals(335_141_888L, Architectures.bertLarge().parameterCount());
        assertEquals(109_482_240L, Architectures.bertBase().parameterCount());
        assertEquals(new Shape(1024), Architectures.bertLarge().outputShape());
    }

    @Test
    void gpt2HasOpenAisParameterCounts() {
        assertEquals(1_557_611_200L, Architectures.gpt2XL().parameterCount());
        assertEquals(124_439_808L, Architectures.gpt2Small().parameterCount());
        assertEquals(new Shape(1024, 1600), Architectures.gpt2XL().outputShape());
    }

    @Test
    void theSummaryOfGpt2XLListsEveryBlockAndAddsUpToTheTotal() {
        Table summary = Architectures.gpt2XL().summary();
        // input, embedding, positions, dropout, 48 blocks, final layer norm, total
        assertEquals(1 + 3 + 48 + 1 + 1, summary.rowCount());
        long sum = 0;
        for (int row = 0; row < summary.rowCount() - 1; row++) {
            sum += summary.longColumn("parameters").get(row);
        }
        assertEquals(1_557_611_200L, sum);
        assertEquals("transformerEncoder(25, 6400, dropout=0.1, preNorm, causal)", summary.stringColumn("layer").get(4));
    }

    /**
     * Loads the DSL and DJL afresh in a class loader of their own, describes GPT-2 XL there, and
     * checks that the engine, the NDArray memory manager and the parameter class were never
     * loaded: nothing was allocated.
     */
    @Test
    void describingGpt2XLNeverStartsTheEngineNorAllocatesParameters() throws Exception {
        IsolatedLoader loader = new IsolatedLoader(getClass().getClassLoader());
        Class<?> architectures = loader.loadClass(Architectures.class.getName());
        Object gpt2 = architectures.getMethod("gpt2XL").invoke(null);
        long count = (long) gpt2.getClass().getMethod("parameterCount").invoke(gpt2);
        Table summary = (Table) gpt2.getClass().getMethod("summary").invoke(gpt2);

        assertEquals(1_557_611_200L, count);
        assertEquals(54, summary.rowCount());
        assertTrue(loader.hasLoaded("ai.djl.ndarray.types.Shape"), "the loader does see the DJL classes it loads");
        assertFalse(loader.hasLoaded("ai.djl.engine.Engine"), "the engine was started");
        assertFalse(loader.hasLoaded("ai.djl.ndarray.NDManager"), "native memory was touched");
        assertFalse(loader.hasLoaded("ai.djl.nn.Parameter"), "a parameter was created");
    }

    /** Defines DJL and DSL classes itself (child first), so it knows which of them were loaded. */
    private static final class IsolatedLoader extends ClassLoader {
        IsolatedLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("ai.djl.") && !name.startsWith("io.perceptron.dsl.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }

        boolean hasLoaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}

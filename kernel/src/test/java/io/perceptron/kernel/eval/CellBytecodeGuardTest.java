package io.perceptron.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.incell.CellChecks;
import io.perceptron.kernel.eval.incell.CellInterrupted;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@link CellBytecodeGuard} on {@link GuardedCode}: loops get an interrupt check, exits become
 * errors, and the instrumented class still verifies (it is loaded, so verified, by a class loader
 * of its own) and computes what it did before.
 */
class CellBytecodeGuardTest {

    private static byte[] original;
    private static byte[] instrumented;
    private static Class<?> guarded;

    @BeforeAll
    static void instrument() throws IOException, ClassNotFoundException {
        String file = GuardedCode.class.getName().replace('.', '/') + ".class";
        try (InputStream in = GuardedCode.class.getClassLoader().getResourceAsStream(file)) {
            original = in.readAllBytes();
        }
        instrumented = CellBytecodeGuard.instrument(original);
        guarded = new OneClassLoader(GuardedCode.class.getName(), instrumented).loadClass(GuardedCode.class.getName());
    }

    @Test
    void eachMethodGetsACheckAtEntryAndEachLoopOneAtItsBackEdge() {
        Map<String, Integer> before = checksPerMethod(original);
        Map<String, Integer> after = checksPerMethod(instrumented);

        assertEquals(0, before.getOrDefault("spin", 0));
        assertEquals(2, after.get("spin"));                    // entry, back-edge
        assertEquals(1, after.get("noLoop"));                  // entry only
        assertEquals(3, after.get("sumOfSquaresByKind"));      // entry, outer loop, inner loop
    }

    @Test
    void instrumentedClassVerifiesAndComputesTheSame() throws Exception {
        assertEquals(GuardedCode.sumOfSquaresByKind(1000), call("sumOfSquaresByKind", 1000));
        assertEquals(8, call("noLoop", 7));
    }

    @Test
    void busyLoopEndsWhenItsThreadIsMarkedAndOtherThreadsGoOn() throws Exception {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread spinner = new Thread(() -> {
            try {
                call("spin");
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        spinner.setDaemon(true);
        spinner.start();
        Thread.sleep(200);
        assertTrue(spinner.isAlive(), "the loop should spin until its thread is marked");
        try {
            CellChecks.interrupt(spinner);
            spinner.join(10_000);
            // Meanwhile, code on an unmarked thread runs on.
            assertEquals(8, call("noLoop", 7));
        } finally {
            CellChecks.clear(spinner);
        }

        assertFalse(spinner.isAlive(), "the marked thread should have ended");
        assertInstanceOf(CellInterrupted.class, ended.get().getCause(), String.valueOf(ended.get()));
        assertEquals("spin", ended.get().getCause().getStackTrace()[1].getMethodName());
    }

    @Test
    void systemExitRuntimeExitAndHaltThrowInsteadOfEndingTheJvm() {
        for (String method : new String[] {"systemExit", "runtimeExit", "runtimeHalt"}) {
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> call(method));

            UnsupportedOperationException refused = assertInstanceOf(UnsupportedOperationException.class, thrown.getCause());
            assertTrue(refused.getMessage().startsWith("A cell cannot stop the kernel; use Kernel → Restart."),
                    refused.getMessage());
        }
    }

    @Test
    void methodReferenceToSystemExitThrowsToo() throws Exception {
        IntConsumer exit = (IntConsumer) call("exitAsReference");

        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class, () -> exit.accept(0));
        assertTrue(refused.getMessage().contains("cannot stop the kernel"), refused.getMessage());
    }

    @Test
    void somethingElseThanAClassFileIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CellBytecodeGuard.instrument(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }

    private static Object call(String name, Object... arguments) throws Exception {
        for (Method method : guarded.getMethods()) {
            if (method.getName().equals(name)) {
                return method.invoke(null, arguments);
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** How many calls to {@code CellChecks.check} each method of {@code classFile} makes. */
    private static Map<String, Integer> checksPerMethod(byte[] classFile) {
        Map<String, Integer> counts = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(CellBytecodeGuard.CHECKS) && method.equals("check")) {
                            counts.merge(name, 1, Integer::sum);
                        }
                    }
                };
            }
        }, 0);
        return counts;
    }

    /** Defines one class from given bytes (so the JVM verifies them); everything else from its parent. */
    private static final class OneClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OneClassLoader(String name, byte[] bytes) {
            super(CellBytecodeGuardTest.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
            }
        }
    }
}

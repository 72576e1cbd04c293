package io.perceptron.kernel.eval;

import io.perceptron.kernel.eval.incell.CellChecks;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the bytecode of a cell's classes, for any language, before they are loaded, so that:
 * <ul>
 *   <li>every method entry and every loop back-edge (a jump backwards) calls
 *       {@link CellChecks#check()}: an interrupted cell throws there and its thread ends, also on
 *       JDK 20 and later, which cannot stop threads by force;</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (called, or taken as a
 *       method reference) throw "A cell cannot stop the kernel; use Kernel → Restart" instead.</li>
 * </ul>
 * A call through reflection or a method handle looked up at run time is not seen.
 *
 * <p>Usage, by an evaluator holding the class files a cell compiled to:
 * <pre>{@code
 * byte[] guarded = CellBytecodeGuard.instrument(classFile);   // then define guarded, not classFile
 * }</pre>
 * The guarded classes must load in the cell class path's loader or a child of it
 * ({@link CellClassPath#loader()}), which defines {@link CellChecks}; {@link CellGuard#interrupt}
 * marks the cell's thread there. The edits keep the operand stack and the stack map frames as they
 * were, so a class that verified before verifies after. Library code a cell calls is not
 * instrumented: the DSL checks {@code Thread.interrupted()} every batch, and the cell stops when
 * the library returns to the cell's code.
 */
public final class CellBytecodeGuard {

    /** Internal name of the class instrumented code calls. */
    static final String CHECKS = Type.getInternalName(CellChecks.class);
    private static final String EXIT_DESCRIPTOR = "(I)V";
    private static final String RUNTIME_EXIT_DESCRIPTOR = "(Ljava/lang/Runtime;I)V";

    private CellBytecodeGuard() {
    }

    /**
     * The class file {@code classFile} with interrupt checks and without exits; see the class comment.
     *
     * @throws IllegalArgumentException if {@code classFile} is not a class file this ASM version reads
     */
    public static byte[] instrument(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // No COMPUTE_FRAMES or COMPUTE_MAXS: no edit grows the stack or adds a branch target, so the
        // original frames and maximums stay right (and no class has to be loaded to merge types).
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new GuardedMethod(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Whether {@code name} is a class file's entry name ({@code Foo$Bar.class}) rather than a resource. */
    public static boolean isClassFile(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class");
    }

    /** One method's code, with a check at entry and before each backward jump, and exits replaced. */
    private static final class GuardedMethod extends MethodVisitor {
        /** Labels already passed: a jump to one of them goes backwards. */
        private final Set<Label> seen = new HashSet<>();

        GuardedMethod(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            checkIfBackwards(dflt, labels);
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            checkIfBackwards(dflt, labels);
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private void checkIfBackwards(Label dflt, Label[] labels) {
            boolean backwards = seen.contains(dflt);
            for (Label label : labels) {
                backwards |= seen.contains(label);
            }
            if (backwards) {
                check();
            }
        }

        private void check() {
            // Takes and leaves nothing on the operand stack: frames and max stack stay valid.
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECKS, "check", "()V", false);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String standIn = exitStandIn(opcode == Opcodes.INVOKESTATIC, owner, name, descriptor);
            if (standIn != null) {
                // Same arguments on the stack (the Runtime receiver becomes the first argument), so nothing else changes.
                super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECKS, standIn, standInDescriptor(standIn), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] replaced = arguments.clone();
            for (int i = 0; i < replaced.length; i++) {
                replaced[i] = withoutExit(replaced[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, replaced);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(withoutExit(value));
        }
    }

    /** A method handle constant to an exit becomes one to its stand-in; anything else is kept. */
    private static Object withoutExit(Object constant) {
        if (constant instanceof Handle handle) {
            String standIn = exitStandIn(handle.getTag() == Opcodes.H_INVOKESTATIC, handle.getOwner(),
                    handle.getName(), handle.getDesc());
            if (standIn != null) {
                return new Handle(Opcodes.H_INVOKESTATIC, CHECKS, standIn, standInDescriptor(standIn), false);
            }
        }
        return constant;
    }

    /** The {@link CellChecks} method standing in for a call, or null if the call is no exit. */
    private static String exitStandIn(boolean isStatic, String owner, String name, String descriptor) {
        if (!EXIT_DESCRIPTOR.equals(descriptor)) {
            return null;
        }
        if (isStatic && owner.equals("java/lang/System") && name.equals("exit")) {
            return "systemExit";
        }
        if (!isStatic && owner.equals("java/lang/Runtime")) {
            return name.equals("exit") ? "runtimeExit" : name.equals("halt") ? "runtimeHalt" : null;
        }
        return null;
    }

    private static String standInDescriptor(String standIn) {
        return standIn.equals("systemExit") ? EXIT_DESCRIPTOR : RUNTIME_EXIT_DESCRIPTOR;
    }
}

package io.perceptron.kernel.eval.kotlin;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jetbrains.kotlin.backend.jvm.codegen.ClassCodegen;
import org.jetbrains.kotlin.ir.declarations.IrClass;
import org.jetbrains.kotlin.ir.declarations.IrDeclaration;
import org.jetbrains.kotlin.ir.symbols.IrBindableSymbol;
import org.jetbrains.kotlin.ir.util.SymbolTable;
import org.jetbrains.kotlin.ir.util.SymbolTableSlice;
import org.jetbrains.kotlin.scripting.compiler.plugin.impl.ReplCompilationState;

/**
 * Lets go of the compiler back end's state for the cells compiled so far, which the Kotlin
 * scripting K1 REPL (2.3.10) would otherwise keep for the whole session: about 0.7 MB of heap per
 * cell, measured ({@code CellMemoryProbe} in the tests).
 *
 * <p>Why it is kept: the REPL compiler keeps one IR symbol table for all cells, so a cell can refer
 * to the IR of earlier ones. Each class of a compiled cell in it keeps, as an IR attribute, the
 * {@code ClassCodegen} that wrote it, and that holds the cell's whole back-end context and
 * generation state. The code generator is done once the class file is written; clearing the
 * attribute after each compilation frees the rest and leaves the IR the later cells refer to. (A
 * fresh symbol table instead breaks the next cell's psi-to-IR step: it needs the earlier cells' IR.)
 *
 * <p>Reflection on the compiler's private members: if a Kotlin version changes them, nothing is
 * released (one warning in the log) and the session works as before, with the old memory cost.
 */
final class BackEndRelease {

    private static final Logger LOG = Logger.getLogger(BackEndRelease.class.getName());
    private static final Method GET_CODEGEN;
    private static final Method SET_CODEGEN;
    private static volatile boolean warned;

    static {
        Method get = null;
        Method set = null;
        try {
            get = ClassCodegen.Companion.class.getDeclaredMethod("getClassCodegen", IrClass.class);
            set = ClassCodegen.Companion.class.getDeclaredMethod("setClassCodegen", IrClass.class, ClassCodegen.class);
            get.setAccessible(true);
            set.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            warn(e);
            get = null;
            set = null;
        }
        GET_CODEGEN = get;
        SET_CODEGEN = set;
    }

    private BackEndRelease() {
    }

    /** Drops the code generators of {@code state}'s compiled classes; call on the compiler thread, after a compilation. */
    static void afterCompilation(Object state) {
        if (SET_CODEGEN == null || !(state instanceof ReplCompilationState<?> compilation)) {
            return;
        }
        try {
            SymbolTable table = compilation.getSymbolTable();
            Set<IrClass> classes = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Object holder : List.of(table, table.getDescriptorExtension())) {
                for (Object slice : fieldValues(holder)) {
                    if (slice instanceof SymbolTableSlice<?, ?, ?> symbols) {
                        symbols.getUnboundSymbols().forEach(symbol -> addClassesOf(symbol, classes));
                        for (Object contents : fieldValues(symbols)) {
                            if (contents instanceof Map<?, ?> map) {
                                map.values().forEach(symbol -> addClassesOf(symbol, classes));
                            }
                        }
                    }
                }
            }
            for (IrClass irClass : classes) {
                if (GET_CODEGEN.invoke(ClassCodegen.Companion, irClass) != null) {
                    SET_CODEGEN.invoke(ClassCodegen.Companion, irClass, null);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            warn(e);
        }
    }

    /** The classes that hold the symbol's declaration, itself included if it is one. */
    private static void addClassesOf(Object symbol, Set<IrClass> classes) {
        if (!(symbol instanceof IrBindableSymbol<?, ?> bindable) || !bindable.isBound()) {
            return;
        }
        Object at = bindable.getOwner();
        while (at instanceof IrDeclaration declaration) {
            if (at instanceof IrClass irClass && !classes.add(irClass)) {
                return; // Its parents were seen with it.
            }
            try {
                at = declaration.getParent();
            } catch (RuntimeException noParentYet) {
                return;
            }
        }
    }

    private static List<Object> fieldValues(Object holder) throws IllegalAccessException {
        List<Object> values = new java.util.ArrayList<>();
        for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    values.add(field.get(holder));
                }
            }
        }
        return values;
    }

    private static void warn(Throwable e) {
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, "This Kotlin compiler is not the one expected; every cell's back-end state "
                    + "stays in memory for the session", e);
        }
    }
}

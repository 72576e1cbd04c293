package io.perceptron.kernel.eval.kotlin;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.script.experimental.api.ResultValue;
import kotlin.script.experimental.api.SourceCodeCompletionVariant;

/**
 * Shift+Tab for Kotlin cells: the type, signature or value of the name under the cursor, from the
 * compiler's analysis and the values earlier cells left, without running any code of a cell.
 *
 * <pre>{@code
 * learningRate * 2     // val learningRate: Double = 0.01
 * scale(1.0, 2)        // fun scale(Double, Int): Double
 * "hello".length       // length: Int
 * }</pre>
 */
final class KotlinInspection {

    /** Longest rendering of a value shown by {@link #inspect}. */
    private static final int MAX_INSPECTED_VALUE_CHARS = 300;

    private final KotlinCompiler compiler;
    private final SnippetHistory history;
    private final ClassLoader cellLoader;

    /**
     * @param compiler   analyses the code around the cursor
     * @param history    the earlier cells, whose values are shown
     * @param cellLoader the cell class path's loader: classes below it were defined in cells
     */
    KotlinInspection(KotlinCompiler compiler, SnippetHistory history, ClassLoader cellLoader) {
        this.compiler = compiler;
        this.history = history;
        this.cellLoader = cellLoader;
    }

    /**
     * Describes the name at the cursor: {@code val x: Int = 3} for a value defined by an earlier
     * cell (the value's text is cut at 300 chars, and left out for objects of classes defined in
     * cells, whose {@code toString} is user code), {@code fun f(Int): String} for a function (one
     * line per overload), {@code length: Int} for a member, {@code class Table (tech.tablesaw.api)}.
     */
    Optional<String> inspect(String code, int cursor) {
        int at = KotlinSyntax.clamp(code, cursor);
        int start = KotlinSyntax.identifierStart(code, at);
        int end = KotlinSyntax.identifierEnd(code, at);
        if (start == end || !Character.isJavaIdentifierStart(code.charAt(start))) {
            return Optional.empty();
        }
        String name = code.substring(start, end);
        Optional<CellProperty> property = KotlinSyntax.followsDot(code, start) ? Optional.empty() : cellProperty(name);
        Set<String> signatures = new LinkedHashSet<>();
        for (SourceCodeCompletionVariant variant : compiler.variants(code, end)) {
            if (nameOf(variant.getText()).equals(name) && !"keyword".equals(variant.getIcon())) {
                signatures.add(CellNames.withoutCellQualifiers(signature(variant, property)));
            }
        }
        if (signatures.isEmpty()) {
            return Optional.empty();
        }
        String description = String.join("\n", signatures);
        Optional<String> value = property.flatMap(this::valueText);
        if (value.isPresent() && signatures.size() == 1) {
            description += value.get().contains("\n") ? "\n" + value.get() : " = " + value.get();
        }
        return Optional.of(description);
    }

    /** The name a completion inserts, without the call or lambda it opens ({@code substring(} gives {@code substring}). */
    private static String nameOf(String completionText) {
        int i = 0;
        while (i < completionText.length() && Character.isJavaIdentifierPart(completionText.charAt(i))) {
            i++;
        }
        return completionText.substring(0, i);
    }

    private static String signature(SourceCodeCompletionVariant variant, Optional<CellProperty> property) {
        String display = variant.getDisplayText();
        String tail = variant.getTail() == null ? "" : variant.getTail().strip();
        return switch (variant.getIcon() == null ? "" : variant.getIcon()) {
            case "method" -> "fun " + display + (tail.isEmpty() ? "" : ": " + tail);
            case "property" -> property.map(p -> p.mutable() ? "var " : "val ").orElse("") + display
                    + (tail.isEmpty() ? "" : ": " + tail);
            case "class" -> "class " + display + (tail.isEmpty() ? "" : " " + tail);
            case "package" -> "package " + display;
            default -> display + (tail.isEmpty() ? "" : ": " + tail);
        };
    }

    /**
     * A top-level property defined by an earlier cell.
     *
     * @param field    its backing field, or null if it has none (a custom getter)
     * @param instance the cell's snippet object holding it, or null if that cell failed
     * @param mutable  whether it is a {@code var}
     */
    private record CellProperty(Field field, Object instance, boolean mutable) {
    }

    /** The newest earlier cell that defines {@code name} as a top-level property, if any. */
    private Optional<CellProperty> cellProperty(String name) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (ResultValue result : history.results()) {
            if (result.getScriptClass() == null) {
                continue;
            }
            Class<?> snippetClass = JvmClassMappingKt.getJavaClass(result.getScriptClass());
            Field field = declaredField(snippetClass, name);
            boolean hasGetter = declaredMethod(snippetClass, "get" + capitalized) != null
                    || declaredMethod(snippetClass, "is" + capitalized) != null;
            if (field != null || hasGetter) {
                boolean mutable = declaredMethod(snippetClass, "set" + capitalized) != null;
                return Optional.of(new CellProperty(field, result.getScriptInstance(), mutable));
            }
        }
        return Optional.empty();
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException | LinkageError e) {
            return null;
        }
    }

    private static Method declaredMethod(Class<?> type, String name) {
        try {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name)) {
                    return method;
                }
            }
        } catch (LinkageError e) {
            // A class the method mentions cannot load: treat as absent.
        }
        return null;
    }

    /** The property's current value as text, without running code defined in cells. */
    private Optional<String> valueText(CellProperty property) {
        if (property.field() == null || property.instance() == null) {
            return Optional.empty();
        }
        Object value;
        try {
            property.field().setAccessible(true);
            value = property.field().get(property.instance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
        if (value != null && isDefinedInCell(value.getClass())) {
            return Optional.empty();
        }
        String text;
        try {
            text = String.valueOf(value).strip();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return Optional.empty();
        }
        return Optional.of(text.length() <= MAX_INSPECTED_VALUE_CHARS
                ? text : text.substring(0, MAX_INSPECTED_VALUE_CHARS) + "…");
    }

    /** Whether a class was compiled from a cell (loaded below the cell class path's loader). */
    private boolean isDefinedInCell(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != cellLoader && loader != ClassLoader.getPlatformClassLoader();
    }
}

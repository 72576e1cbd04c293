package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.Completions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kotlin.DeprecationLevel;
import kotlin.script.experimental.api.SourceCodeCompletionVariant;

/**
 * Tab completion for Kotlin cells: names that fit at the cursor, from the compiler's analysis of
 * the code after the session's earlier cells.
 *
 * <pre>{@code
 * "hello".len      // length (property)
 * learn            // learningRate, defined by an earlier cell
 * Table.cr         // create(, from the default imports
 * }</pre>
 */
final class KotlinCompletion {

    private final KotlinCompiler compiler;

    KotlinCompletion(KotlinCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * Members after a dot, names in scope (definitions of earlier cells, imports), keywords. The
     * range covers the whole name under the cursor, so completing inside a name replaces it.
     */
    Completions complete(String code, int cursor) {
        int at = KotlinSyntax.clamp(code, cursor);
        Map<String, String> kindByText = new LinkedHashMap<>();
        for (SourceCodeCompletionVariant variant : compiler.variants(code, at)) {
            if (variant.getDeprecationLevel() != DeprecationLevel.HIDDEN) {
                kindByText.putIfAbsent(variant.getText(), kindOf(variant.getIcon()));
            }
        }
        if (kindByText.isEmpty()) {
            return Completions.none(at);
        }
        return new Completions(List.copyOf(kindByText.keySet()), List.copyOf(kindByText.values()),
                KotlinSyntax.identifierStart(code, at), KotlinSyntax.identifierEnd(code, at));
    }

    /** Jupyter-style kind of a completion, from the compiler's icon name. */
    private static String kindOf(String icon) {
        if (icon == null) {
            return "";
        }
        return switch (icon) {
            case "method" -> "function";
            default -> icon;
        };
    }
}

package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.EvalResult;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Which snippets give the cell a value: an expression ({@code x + 1}, {@code table}), which
 * JShell keeps as a variable of its own ({@code $3}) or reads a variable for. Declarations,
 * assignments and statements give none, like {@code val x = 1} and {@code println(x)} in Kotlin.
 */
final class JavaValues {

    private JavaValues() {
    }

    /** The result of a cell whose last piece was {@code snippet}, which returned {@code value}. */
    static EvalResult resultOf(Snippet snippet, Object value) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND -> new EvalResult.Value(value, ((VarSnippet) snippet).typeName());
            case VAR_VALUE_SUBKIND -> new EvalResult.Value(value, ((ExpressionSnippet) snippet).typeName());
            default -> new EvalResult.NoValue();
        };
    }
}

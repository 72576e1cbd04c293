package io.perceptron.kernel.protocol;

import io.perceptron.kernel.eval.Completeness;
import io.perceptron.kernel.eval.Completions;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tiny stand-in language for testing the protocol layer: each cell's result comes from a
 * function of its code; names come from a fixed list; braces decide completeness.
 */
final class FakeEvaluator implements Evaluator, CellExecutor {
    private final Function<String, EvalResult> cells;
    private final Map<String, String> names;
    final List<String> executed = new ArrayList<>();
    int interrupts;

    /**
     * @param cells what each cell returns
     * @param names completable names and their types
     */
    FakeEvaluator(Function<String, EvalResult> cells, Map<String, String> names) {
        this.cells = cells;
        this.names = names;
    }

    @Override
    public EvalResult execute(String code, int cellNumber) {
        return evaluate(code);
    }

    @Override
    public void interrupt() {
        interrupts++;
    }

    @Override
    public EvalResult evaluate(String code) {
        executed.add(code);
        // Leading empty lines stand in for magic lines; the fake's cells are keyed by their code.
        return cells.apply(code.strip());
    }

    /** Completes the identifier that ends at the cursor with the known names it starts. */
    @Override
    public Completions complete(String code, int cursor) {
        int start = cursor;
        while (start > 0 && Character.isLetterOrDigit(code.charAt(start - 1))) {
            start--;
        }
        String prefix = code.substring(start, cursor);
        List<String> matches = names.keySet().stream().filter(n -> n.startsWith(prefix)).sorted().toList();
        return new Completions(matches, matches.stream().map(names::get).toList(), start, cursor);
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        return names.entrySet().stream()
                .filter(e -> code.contains(e.getKey()))
                .map(e -> e.getKey() + ": " + e.getValue())
                .findFirst();
    }

    @Override
    public Completeness isComplete(String code) {
        int depth = 0;
        for (char ch : code.toCharArray()) {
            depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            if (depth < 0) {
                return Completeness.INVALID;
            }
        }
        return depth == 0 ? Completeness.COMPLETE : Completeness.INCOMPLETE;
    }

    @Override
    public ClassLoader cellClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public List<String> imports() {
        return List.of();
    }

    @Override
    public void close() {
    }
}

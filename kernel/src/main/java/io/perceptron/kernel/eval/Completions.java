package io.perceptron.kernel.eval;

import java.util.List;

/**
 * Completion candidates replacing {@code code[start, end)}.
 *
 * @param matches the texts to insert, best first
 * @param types   for each match, a short type or kind shown beside it (same length as matches)
 * @param start   first char offset replaced
 * @param end     char offset after the last one replaced
 */
public record Completions(List<String> matches, List<String> types, int start, int end) {

    /** No candidates at {@code cursor}. */
    public static Completions none(int cursor) {
        return new Completions(List.of(), List.of(), cursor, cursor);
    }
}

package io.perceptron.kernel.protocol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells executed in this kernel session, answering {@code history_request}: the last
 * {@code n} cells, a range of execution counts, or a glob search. Kept in memory, so a restart
 * starts a new history. (Jupyter's record of executed cells, not the DSL's training history.)
 */
final class ExecutionHistory {
    /**
     * The number this kernel reports for its session. Jupyter numbers sessions from a database;
     * this history holds one session, and requests naming session 0 or this number both mean it.
     */
    static final int SESSION = 1;

    private final List<Entry> entries = new ArrayList<>();

    /**
     * One executed cell.
     *
     * @param line   the cell's execution count
     * @param input  the cell's code
     * @param output the result's {@code text/plain}, or {@code null} if the cell had no result
     */
    record Entry(int line, String input, String output) {
    }

    /** Records cell {@code line}. */
    synchronized void add(int line, String input) {
        entries.add(new Entry(line, input, null));
    }

    /** Records the text of cell {@code line}'s result. */
    synchronized void output(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).line() == line) {
                entries.set(i, new Entry(line, entries.get(i).input(), output));
                return;
            }
        }
    }

    /** The last {@code n} cells, oldest first. */
    synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /**
     * Cells with {@code start <= line < stop} of {@code session} ({@code 0} means this session;
     * any other session has no cells). A {@code stop} of 0 or less means "to the end".
     */
    synchronized List<Entry> range(int session, int start, int stop) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.line() >= start && (stop <= 0 || entry.line() < stop)) {
                found.add(entry);
            }
        }
        return found;
    }

    /**
     * Cells whose code matches the glob {@code pattern} ({@code *} any text, {@code ?} one
     * character), the last {@code n} of them (all when {@code n <= 0}), oldest first; with
     * {@code unique}, each distinct code only once, at its latest run.
     */
    synchronized List<Entry> search(String pattern, int n, boolean unique) {
        Pattern glob = globToRegex(pattern);
        List<Entry> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0 && (n <= 0 || found.size() < n); i--) {
            Entry entry = entries.get(i);
            if (glob.matcher(entry.input()).matches() && (!unique || seen.add(entry.input()))) {
                found.add(0, entry);
            }
        }
        return found;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*' || ch == '?') {
                regex.append(Pattern.quote(literal.toString())).append(ch == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(ch);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public synchronized String toString() {
        return "ExecutionHistory(" + entries.size() + " cells)";
    }
}

package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.CellFrames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Snippet;

/**
 * Where each JShell snippet came from: a Java cell is cut into snippets (one per statement or
 * declaration), and JShell names each by an id and counts its lines from the snippet's start. This
 * turns that back into the cell the user typed and the line in it.
 *
 * <p>JShell rewrites a stack frame of snippet code as file {@code #12}, line 2, method
 * {@code twice} (empty for the snippet's own statements); if snippet 12 started on line 3 of
 * cell 5, the frame reads {@code twice (cell 5, line 4)}.
 *
 * <p>A stack JShell did not rewrite (where a stopped or abandoned cell was) names the class JShell
 * wrapped snippet 12 in, {@code REPL.$JShell$12}, and lines of that class: they are snippet lines
 * shifted by the wrapper's header. The evaluator measures the header of statements once
 * ({@link #statementHeader}); methods and classes have the same (seen on JDK 17 and 25). The
 * header of an expression's wrapper varies with what the expression uses, so a frame of a
 * one-line expression names that line, and one of a longer expression or a variable declaration
 * names its cell without a line.
 */
final class JavaCells implements CellFrames {

    /** A class JShell wrapped a snippet in: {@code REPL.$JShell$12}, or a class declared in it, {@code REPL.$JShell$12$Point}. */
    private static final Pattern WRAPPER = Pattern.compile("^REPL\\.\\$JShell\\$(\\d+)[A-Z]?(?:\\$(.+))?$");
    private static final String WRAPPER_METHOD = "do_it$";

    /** How JShell wraps a snippet: which measured header its wrapper class has. */
    enum Wrapper {
        /** Statements, methods and classes. */
        STATEMENT,
        /** Anything else: an expression JShell keeps as a variable of its own ({@code $3}), a variable declaration. */
        OTHER;

        static Wrapper of(Snippet snippet) {
            return switch (snippet.subKind()) {
                case STATEMENT_SUBKIND, METHOD_SUBKIND, CLASS_SUBKIND, INTERFACE_SUBKIND, ENUM_SUBKIND,
                     RECORD_SUBKIND, ANNOTATION_TYPE_SUBKIND -> STATEMENT;
                default -> OTHER;
            };
        }
    }

    /** Where one snippet is: its cell's number, the cell line of its first line (1-based), how many lines it has. */
    record Place(int cellNumber, int firstLine, int lines, Wrapper wrapper) {
    }

    private final Map<String, Place> snippets = new ConcurrentHashMap<>();
    /** Lines of a statement's wrapper class above the statement's first line; negative while unknown. */
    private volatile int statementHeader = -1;

    /** Records how many lines JShell's wrapper class puts above a statement's first line. */
    void statementHeader(int lines) {
        statementHeader = lines;
    }

    /** Records that {@code snippet} is the text of cell {@code cellNumber} from line {@code firstLine} on. */
    void record(Snippet snippet, int cellNumber, int firstLine) {
        snippets.put(snippet.id(), new Place(cellNumber, firstLine, (int) snippet.source().lines().count(), Wrapper.of(snippet)));
    }

    /** The id of the snippet JShell wrapped in class {@code className} ({@code REPL.$JShell$12} is 12), if it is one. */
    static Optional<String> snippetIdOf(String className) {
        Matcher wrapper = WRAPPER.matcher(className);
        return wrapper.matches() ? Optional.of(wrapper.group(1)) : Optional.empty();
    }

    @Override
    public Optional<String> describe(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            Place place = snippets.get(file.substring(1));
            return place == null ? Optional.empty()
                    : Optional.of(render(frame.getClassName(), frame.getMethodName(), where(place, frame.getLineNumber())));
        }
        Matcher wrapper = WRAPPER.matcher(frame.getClassName());
        if (!wrapper.matches()) {
            return Optional.empty();
        }
        Place place = snippets.get(wrapper.group(1));
        if (place == null) {
            return Optional.empty();
        }
        int header = statementHeader;
        String where;
        if (place.wrapper() == Wrapper.STATEMENT && header >= 0 && frame.getLineNumber() > header) {
            where = where(place, frame.getLineNumber() - header);
        } else if (place.lines() == 1) {
            where = where(place, 1);
        } else {
            where = "cell " + place.cellNumber();
        }
        String owner = wrapper.group(2) == null ? "" : wrapper.group(2).replace('$', '.');
        String method = frame.getMethodName().equals(WRAPPER_METHOD) ? "" : frame.getMethodName();
        return Optional.of(render(owner, method, where));
    }

    private static String where(Place place, int snippetLine) {
        return "cell " + place.cellNumber() + ", line " + (place.firstLine() + Math.max(1, snippetLine) - 1);
    }

    /** {@code cell 5, line 4} for a snippet's own statements, {@code Point.norm (cell 5, line 4)} in a method. */
    private static String render(String owner, String method, String where) {
        if (method.isEmpty()) {
            return where;
        }
        return (owner.isEmpty() ? "" : owner + ".") + method + " (" + where + ")";
    }

    /** JShell's own frames; its wrapper classes are cell frames, named by {@link #describe}. */
    @Override
    public List<String> machineryPackages() {
        return List.of("jdk.jshell.");
    }
}

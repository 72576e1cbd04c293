package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.CellFrames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each JShell snippet came from: a Java cell is cut into snippets (one per statement or
 * declaration), and JShell names each by an id and counts its lines from the snippet's start. This
 * turns that back into the cell the user typed and the line in it.
 *
 * <p>JShell rewrites a stack frame of snippet code as file {@code #12}, line 2, method
 * {@code twice} (empty for the snippet's own statements); if snippet 12 started on line 3 of
 * cell 5, the frame reads {@code twice (cell 5, line 4)}.
 */
final class JavaCells implements CellFrames {

    /** Where one snippet starts: its cell's number and the cell line of its first line (1-based). */
    record Place(int cellNumber, int firstLine) {
    }

    private final Map<String, Place> snippets = new ConcurrentHashMap<>();

    /** Records that snippet {@code id} is the text of cell {@code cellNumber} from line {@code firstLine} on. */
    void record(String id, int cellNumber, int firstLine) {
        snippets.put(id, new Place(cellNumber, firstLine));
    }

    @Override
    public Optional<String> describe(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return Optional.empty();
        }
        Place place = snippets.get(file.substring(1));
        if (place == null) {
            return Optional.empty();
        }
        String where = "cell " + place.cellNumber() + ", line " + (place.firstLine() + Math.max(1, frame.getLineNumber()) - 1);
        String method = frame.getMethodName();
        if (method.isEmpty()) {
            return Optional.of(where);
        }
        String owner = frame.getClassName();
        return Optional.of((owner.isEmpty() ? "" : owner + ".") + method + " (" + where + ")");
    }

    /** JShell's own frames, and the classes it wraps snippets in when a frame could not be rewritten. */
    @Override
    public List<String> machineryPackages() {
        return List.of("jdk.jshell.", "REPL.");
    }
}

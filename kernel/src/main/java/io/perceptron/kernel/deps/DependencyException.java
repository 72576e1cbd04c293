package io.perceptron.kernel.deps;

/**
 * A dependency a cell asked for could not be added; the message, from {@link DependencyMessages},
 * names the coordinate or path, says what was tried and what to do. Nothing was added to the cell
 * class path, and the session is as it was.
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-csv     // DependencyException: 'org.apache.commons:commons-csv' is not
 *                                           // a Maven coordinate: it has no version. Write group:artifact:version, ...
 * }</pre>
 */
public final class DependencyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What a front end shows as the error's name. */
    public static final String NAME = "DependencyError";

    DependencyException(String message) {
        super(message);
    }

    DependencyException(String message, Throwable cause) {
        super(message, cause);
    }
}

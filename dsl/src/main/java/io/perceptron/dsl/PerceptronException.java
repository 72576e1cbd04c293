package io.perceptron.dsl;

/**
 * The one exception family of the DSL: every problem a user can cause (a wrong column name,
 * shapes that do not fit, a loss that became NaN) surfaces as this type, with a message that
 * reads like advice: what went wrong in the user's terms, what was expected and what was
 * received, and what to do about it.
 *
 * <p>Messages are built by the named factories of each package's {@code *Errors} class, never
 * by string literals scattered through the code.
 *
 * <pre>{@code
 * try { model.fit(data).features("x9").train() }
 * catch (e: PerceptronException) { println(e.message) }
 * // Unknown column 'x9' in table 'moons'. The table has: x1, x2, label. Pass one of those names to features(...).
 * }</pre>
 */
public class PerceptronException extends RuntimeException {

    /** Creates an exception whose message is shown to the user as is. */
    public PerceptronException(String message) {
        super(message);
    }

    /** Creates an exception that keeps the lower-level cause for debugging. */
    public PerceptronException(String message, Throwable cause) {
        super(message, cause);
    }
}

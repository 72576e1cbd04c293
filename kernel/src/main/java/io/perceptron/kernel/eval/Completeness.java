package io.perceptron.kernel.eval;

/** Answer to "can this cell run as is?" (Jupyter's is_complete). */
public enum Completeness {
    /** Well formed: run it. */
    COMPLETE,
    /** Valid so far but open: a brace, bracket or string not closed yet. */
    INCOMPLETE,
    /** Cannot become valid by typing more (for example a stray closing brace). */
    INVALID,
    /** The evaluator cannot tell. */
    UNKNOWN
}

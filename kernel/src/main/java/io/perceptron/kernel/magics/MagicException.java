package io.perceptron.kernel.magics;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A magic line that cannot run; the message says what to type instead. The cell fails with it:
 *
 * <pre>{@code
 * %timeit 1 + 1     // There is no magic %timeit. Known magics: %help, ... Type %help to see what each does.
 * }</pre>
 */
public final class MagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error name of a line that names no magic this kernel has. */
    public static final String UNKNOWN = "UnknownMagic";

    private final String errorName;

    private MagicException(String errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    /** {@code %name} is not a magic this kernel has. */
    public static MagicException unknown(String name, Collection<String> known) {
        return new MagicException(UNKNOWN, "There is no magic %" + name + ". Known magics: " + list(known)
                + ". Type %help to see what each does.", null);
    }

    /** A line that starts with {@code %} but names no magic. */
    public static MagicException unnamed(String line, Collection<String> known) {
        return new MagicException(UNKNOWN, "The line '" + line.strip() + "' starts with % but names no magic. Known magics: "
                + list(known) + ".", null);
    }

    /**
     * A known magic that could not do its work; {@code cause}'s message says why and what to do.
     *
     * @param errorName what the front end shows as the error's name, such as {@code DependencyError}
     */
    public static MagicException failed(String errorName, RuntimeException cause) {
        return new MagicException(errorName, cause.getMessage(), cause);
    }

    /** What a front end shows as the error's name: {@value #UNKNOWN}, or the failed magic's own. */
    public String errorName() {
        return errorName;
    }

    private static String list(Collection<String> known) {
        return known.stream().map(magic -> "%" + magic).collect(Collectors.joining(", "));
    }
}

package io.perceptron.kernel.magics;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A magic line that cannot run; the message says what to type instead. The cell fails with it:
 *
 * <pre>{@code
 * %timeit 1 + 1     // There is no magic %timeit. Known magics: %help. Type %help to see what each does.
 * }</pre>
 */
public final class MagicException extends RuntimeException {

    private MagicException(String message) {
        super(message);
    }

    /** {@code %name} is not a magic this kernel has. */
    public static MagicException unknown(String name, Collection<String> known) {
        String list = known.stream().map(magic -> "%" + magic).collect(Collectors.joining(", "));
        return new MagicException("There is no magic %" + name + ". Known magics: " + list
                + ". Type %help to see what each does.");
    }

    /** A line that starts with {@code %} but names no magic. */
    public static MagicException unnamed(String line, Collection<String> known) {
        String list = known.stream().map(magic -> "%" + magic).collect(Collectors.joining(", "));
        return new MagicException("The line '" + line.strip() + "' starts with % but names no magic. Known magics: "
                + list + ".");
    }
}

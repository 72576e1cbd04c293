package io.perceptron.dsl.names;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DSL's one way from a name a user types to the thing it names: {@code "relu"} to an
 * activation, {@code "adam"} to an optimizer, {@code "mse"} to a loss. Case, spaces, underscores
 * and dashes do not matter ({@code "ReLU"}, {@code "leaky_relu"}, {@code "Leaky ReLU"} all find
 * {@code leakyRelu}); a name it does not know fails with one message, from {@link NameErrors},
 * that lists the valid names and shows a call that works.
 *
 * <pre>{@code
 * Loss.named("cross_entropy")   // Loss.crossEntropy(), through a Names catalogue of losses
 * Optimizer.named("rmsprop")    // There is no optimizer called 'rmsprop'. Valid names: sgd, adam, adamW (...), e.g. Optimizer.named("adam").
 * }</pre>
 *
 * <p>Each kind of thing keeps its own catalogue where it is defined ({@code Loss}, {@code Optimizer},
 * {@code Activations}) and resolves through one of these.
 *
 * @param <T> what a name stands for
 */
public final class Names<T> {
    private final String kind;
    private final String example;
    private final Map<String, T> byName;
    private final Map<String, T> byKey = new LinkedHashMap<>();

    private Names(String kind, String example, Map<String, T> byName) {
        this.kind = kind;
        this.example = example;
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        for (Map.Entry<String, T> entry : byName.entrySet()) {
            if (byKey.put(key(entry.getKey()), entry.getValue()) != null) {
                throw new IllegalArgumentException("Two " + kind + " names read the same: " + entry.getKey());
            }
        }
    }

    /**
     * A catalogue of {@code kind}s (e.g. {@code "loss"}) with the names a user may type, in the
     * order they are listed, and a call that works, shown when a name is unknown.
     *
     * @param kind    what the names are names of, as a message says it: {@code "loss"}, {@code "optimizer"}
     * @param example a call that works, e.g. {@code Loss.named("mse")}
     * @param byName  each name as the DSL writes it ({@code "leakyRelu"}), with what it stands for
     */
    public static <T> Names<T> of(String kind, String example, Map<String, T> byName) {
        return new Names<>(kind, example, byName);
    }

    /**
     * What {@code name} stands for, ignoring case, spaces, underscores and dashes.
     *
     * @throws io.perceptron.dsl.PerceptronException naming the {@code name}, the valid names and a call that works
     */
    public T resolve(String name) {
        T found = byKey.get(key(name));
        if (found == null) {
            throw NameErrors.unknown(kind, name, names(), example);
        }
        return found;
    }

    /** The valid names, in catalogue order, as the DSL writes them. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** A name without case, spaces, underscores or dashes: how two spellings are compared. */
    static String key(String name) {
        return name == null ? "" : name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}

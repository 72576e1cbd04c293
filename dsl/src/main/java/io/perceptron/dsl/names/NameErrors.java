package io.perceptron.dsl.names;

import io.perceptron.dsl.PerceptronException;
import java.util.List;

/** The message every unknown name gets, whatever it names: what was asked for, what exists, a call that works. */
final class NameErrors {
    private NameErrors() {
    }

    /** {@code name} is not one of {@code valid}, the names of {@code kind}s; {@code example} is a call that works. */
    static PerceptronException unknown(String kind, String name, List<String> valid, String example) {
        return new PerceptronException("There is no " + kind + " called '" + name + "'. Valid names: "
                + String.join(", ", valid) + " (case, spaces, '_' and '-' do not matter), e.g. " + example + ".");
    }
}

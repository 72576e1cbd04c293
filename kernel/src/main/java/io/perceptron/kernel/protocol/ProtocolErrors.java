package io.perceptron.kernel.protocol;

import io.perceptron.kernel.eval.EvalResult;
import java.util.List;

/** The errors the protocol layer itself reports to a front end, worded for the person reading them. */
final class ProtocolErrors {
    private ProtocolErrors() {
    }

    /** A request type this kernel does not implement. */
    static EvalResult.Failure unsupported(String requestType) {
        String message = "The Perceptron kernel does not support '" + requestType
                + "' requests. The notebook keeps working; only this feature is unavailable.";
        return new EvalResult.Failure("UnsupportedRequest", message, List.of(message));
    }

    /** A failure inside the kernel while handling {@code requestType}: a kernel bug, not the user's. */
    static EvalResult.Failure internal(String requestType, Throwable cause) {
        String message = "The kernel failed while handling " + requestType + ": " + cause
                + ". This is a bug in the kernel, not in your code; the kernel is still running."
                + " Run the cell again, or restart the kernel if it keeps happening.";
        return new EvalResult.Failure("KernelError", message, List.of(message));
    }
}

package io.perceptron.kernel.protocol;

/** Receives every verified message that arrives on the shell and control channels. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles one message on the thread that serves {@code channel}; replies on that channel
     * must be sent from this call.
     */
    void handle(Channel channel, JupyterMessage message);
}

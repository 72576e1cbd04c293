package io.perceptron.kernel.protocol;

/** Receives every verified message that arrives on the shell and control channels. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles one message on the thread that serves {@code channel}; replies on that channel
     * must be sent from this call.
     */
    void handle(Channel channel, JupyterMessage message);

    /**
     * Called on the thread serving {@code channel} when, after a message was handled, no other
     * message is waiting on it: whatever was queued behind the last request has been seen.
     */
    default void drained(Channel channel) {
    }
}

package io.perceptron.kernel.protocol;

/**
 * Where the protocol layer sends its messages, and what it may ask about the incoming queue. The ZeroMQ transport implements it; tests use an
 * in-memory recorder, so the request handling can be checked without sockets.
 */
public interface Outbox {

    /** Sends {@code message} on {@code channel}; safe to call from any thread for {@link Channel#IOPUB}. */
    void send(Channel channel, JupyterMessage message);

    /**
     * Whether another request is already waiting on {@code channel} behind the one being handled.
     * Call only from the thread serving that channel, inside {@link RequestHandler#handle}.
     */
    boolean hasWaiting(Channel channel);
}

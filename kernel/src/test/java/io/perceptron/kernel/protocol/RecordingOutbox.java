package io.perceptron.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An in-memory {@link Outbox} that records what the kernel sends, like xeus' mock server. */
final class RecordingOutbox implements Outbox {
    record Sent(Channel channel, JupyterMessage message) {
        String type() {
            return message.type();
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    /** What {@link #hasWaiting} answers: whether the test pretends requests are queued. */
    volatile boolean waiting;

    @Override
    public synchronized void send(Channel channel, JupyterMessage message) {
        sent.add(new Sent(channel, message));
        notifyAll();
    }

    @Override
    public boolean hasWaiting(Channel channel) {
        return waiting;
    }

    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    synchronized void clear() {
        sent.clear();
    }

    /** The types sent on {@code channel}, in order. */
    synchronized List<String> types(Channel channel) {
        return sent.stream().filter(s -> s.channel() == channel).map(Sent::type).toList();
    }

    /** The messages of {@code type}, in order. */
    synchronized List<JupyterMessage> ofType(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).map(Sent::message).toList();
    }

    /** The only message of {@code type}; fails if there is not exactly one. */
    synchronized JupyterMessage only(String type) {
        List<JupyterMessage> found = ofType(type);
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + type + " message, got " + found.size() + " in " + types());
        }
        return found.get(0);
    }

    synchronized List<String> types() {
        return sent.stream().map(s -> s.channel() + ":" + s.type()).toList();
    }

    /** Waits until a message matching {@code condition} was sent; fails after {@code timeoutMs}. */
    synchronized JupyterMessage await(Predicate<JupyterMessage> condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            for (Sent s : sent) {
                if (condition.test(s.message())) {
                    return s.message();
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("No matching message within " + timeoutMs + " ms; sent: " + types());
            }
            wait(left);
        }
    }
}

package io.perceptron.kernel.protocol;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The kernel's five ZeroMQ sockets, bound to the ports of the connection file, with one thread
 * each for heartbeat, shell and control.
 *
 * <p>Why not basekernel's channels: its shell and control loops sleep 50 ms between polls (a
 * 50 ms floor under every request), and a wrongly signed message throws out of its read and
 * ends the loop thread. Here each loop blocks in a poll that wakes as soon as a message arrives
 * and times out only to notice a shutdown; a message that fails {@link WireCodec#decode} is
 * logged and dropped, and the loop goes on.
 *
 * <pre>{@code
 * ZmqTransport transport = ZmqTransport.bind(KernelConnectionProperties.parse(json));
 * transport.start(protocol);      // serves until close()
 * }</pre>
 *
 * <p>Threading: shell and control replies are sent by the thread that serves that channel (from
 * inside {@link RequestHandler#handle}); IOPub may be used from any thread.
 */
public final class ZmqTransport implements Outbox, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ZmqTransport.class.getName());

    /** How long a loop waits for a message before it checks whether the kernel is stopping. */
    private static final int SHUTDOWN_CHECK_MS = 200;
    /** How long closing waits for queued messages (a shutdown reply, the last status) to leave. */
    private static final int LINGER_MS = 1000;
    /** How long closing waits for a loop thread busy with a request (a cell that ignores interrupts). */
    private static final long JOIN_MS = 2000;

    private final ZMQ.Context context = ZMQ.context(1);
    private final WireCodec codec;
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    /** One poller per served channel, made before the threads start and used only by that channel's thread. */
    private final Map<Channel, ZMQ.Poller> pollers = new EnumMap<>(Channel.class);
    private final ZMQ.Socket heartbeat;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    private ZmqTransport(KernelConnectionProperties connection, WireCodec codec) {
        this.codec = codec;
        sockets.put(Channel.SHELL, bound(SocketType.ROUTER, connection, connection.getShellPort()));
        sockets.put(Channel.CONTROL, bound(SocketType.ROUTER, connection, connection.getControlPort()));
        sockets.put(Channel.STDIN, bound(SocketType.ROUTER, connection, connection.getStdinPort()));
        sockets.put(Channel.IOPUB, bound(SocketType.PUB, connection, connection.getIopubPort()));
        heartbeat = bound(SocketType.REP, connection, connection.getHbPort());
    }

    /** Binds every socket of {@code connection}; nothing is read until {@link #start}. */
    public static ZmqTransport bind(KernelConnectionProperties connection) {
        return new ZmqTransport(connection, WireCodec.forConnection(connection));
    }

    /** Starts the heartbeat, shell and control threads, handing every verified message to {@code handler}. */
    public synchronized void start(RequestHandler handler) {
        if (running) {
            throw new IllegalStateException("The transport is already started");
        }
        running = true;
        for (Channel served : List.of(Channel.SHELL, Channel.CONTROL)) {
            ZMQ.Poller poller = context.poller(1);
            poller.register(sockets.get(served), ZMQ.Poller.POLLIN);
            pollers.put(served, poller);
        }
        loops.add(thread("perceptron-heartbeat", this::echoHeartbeats));
        loops.add(thread("perceptron-shell", () -> serve(Channel.SHELL, handler)));
        loops.add(thread("perceptron-control", () -> serve(Channel.CONTROL, handler)));
        loops.forEach(Thread::start);
    }

    @Override
    public void send(Channel channel, JupyterMessage message) {
        ZMQ.Socket socket = sockets.get(channel);
        List<byte[]> frames = codec.encode(message);
        synchronized (socket) {
            for (int i = 0; i < frames.size() - 1; i++) {
                socket.sendMore(frames.get(i));
            }
            socket.send(frames.get(frames.size() - 1));
        }
    }

    /**
     * Stops the loops and closes the sockets, waiting briefly for messages still queued. Safe to
     * call from a loop thread (a shutdown request): that thread is not waited for.
     */
    @Override
    public synchronized void close() {
        if (!running && loops.isEmpty()) {
            closeSockets();
            return;
        }
        running = false;
        for (Thread loop : loops) {
            if (loop != Thread.currentThread()) {
                try {
                    loop.join(JOIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        loops.clear();
        closeSockets();
    }

    private void closeSockets() {
        for (ZMQ.Socket socket : sockets.values()) {
            synchronized (socket) {
                socket.close();
            }
        }
        heartbeat.close();
        context.term();
    }

    @Override
    public boolean hasWaiting(Channel channel) {
        ZMQ.Poller poller = pollers.get(channel);
        return poller != null && poller.poll(0) > 0;
    }

    private void serve(Channel channel, RequestHandler handler) {
        ZMQ.Socket socket = sockets.get(channel);
        ZMQ.Poller poller = pollers.get(channel);
        try {
            while (running) {
                if (poller.poll(SHUTDOWN_CHECK_MS) <= 0) {
                    continue;
                }
                List<byte[]> frames;
                synchronized (socket) {
                    frames = receiveFrames(socket);
                }
                JupyterMessage message;
                try {
                    message = codec.decode(frames);
                } catch (RejectedMessageException e) {
                    LOG.warning(() -> "Dropped a message on " + channel + " because " + e.getMessage());
                    continue;
                }
                try {
                    handler.handle(channel, message);
                } catch (RuntimeException | Error e) {
                    // The loop must outlive any failure, or the kernel stops answering.
                    LOG.log(Level.SEVERE, "Handling " + message.type() + " on " + channel + " failed", e);
                }
            }
        } finally {
            poller.close();
        }
    }

    private void echoHeartbeats() {
        heartbeat.setReceiveTimeOut(SHUTDOWN_CHECK_MS);
        while (running) {
            byte[] ping = heartbeat.recv(0);
            if (ping != null) {
                heartbeat.send(ping, 0);
            }
        }
    }

    private static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(socket.recv(0));
        } while (socket.hasReceiveMore());
        return frames;
    }

    private ZMQ.Socket bound(SocketType type, KernelConnectionProperties connection, int port) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(LINGER_MS);
        String address = connection.getTransport() + "://" + connection.getIp() + ":" + port;
        socket.bind(address);
        LOG.fine(() -> "Bound " + type + " to " + address);
        return socket;
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}

package io.perceptron.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** The real sockets: signed requests are served, forged ones dropped, the heartbeat echoes. */
class ZmqTransportTest {
    private static final String KEY = "0123456789abcdef";
    /** Generous bound for a message to cross localhost; the tests never check speed. */
    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    private final BlockingQueue<JupyterMessage> handled = new LinkedBlockingQueue<>();
    private final Session kernelSession = new Session("kernel");
    private final Session clientSession = new Session("client");
    private final WireCodec clientCodec = WireCodec.forKey("hmac-sha256", KEY);
    private final ZMQ.Context clientContext = ZMQ.context(1);
    private KernelConnectionProperties connection;
    private ZmqTransport transport;

    @BeforeEach
    void startKernelSide() throws IOException {
        int[] ports = freePorts(5);
        connection = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                "tcp", "hmac-sha256", KEY);
        transport = ZmqTransport.bind(connection);
        transport.start((channel, message) -> {
            handled.add(message);
            transport.send(channel, kernelSession.reply(message, "kernel_info_reply", new JsonObject()));
        });
    }

    @AfterEach
    void stop() {
        transport.close();
        clientContext.term();
    }

    private ZMQ.Socket client(SocketType type, int port) {
        ZMQ.Socket socket = clientContext.socket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut((int) RECEIVE_TIMEOUT_MS);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1));
    }

    private static List<byte[]> receiveFrames(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(0);
            if (frame == null) {
                throw new AssertionError("No reply within " + RECEIVE_TIMEOUT_MS + " ms");
            }
            frames.add(frame);
        } while (socket.hasReceiveMore());
        return frames;
    }

    private JupyterMessage kernelInfoRequest() {
        return clientSession.request("kernel_info_request", new JsonObject());
    }

    @Test
    void aSignedRequestIsHandledAndAnsweredOnTheSameSocket() throws Exception {
        try (ZMQ.Socket shell = client(SocketType.DEALER, connection.getShellPort())) {
            JupyterMessage request = kernelInfoRequest();
            sendFrames(shell, clientCodec.encode(request));

            JupyterMessage reply = clientCodec.decode(receiveFrames(shell));
            assertEquals("kernel_info_reply", reply.type());
            assertEquals(request.id(), reply.parentHeader().get("msg_id").getAsString());
        }
    }

    @Test
    void aForgedRequestIsDroppedAndTheKernelServesTheNextOne() throws Exception {
        try (ZMQ.Socket shell = client(SocketType.DEALER, connection.getShellPort())) {
            JupyterMessage forged = kernelInfoRequest();
            JupyterMessage genuine = kernelInfoRequest();
            sendFrames(shell, WireCodec.forKey("hmac-sha256", "not-the-key").encode(forged));
            sendFrames(shell, clientCodec.encode(genuine));

            // One socket delivers in order: whatever is handled first would be the forged one.
            JupyterMessage first = handled.poll(RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals(genuine.id(), first == null ? null : first.id());
            JupyterMessage reply = clientCodec.decode(receiveFrames(shell));
            assertEquals(genuine.id(), reply.parentHeader().get("msg_id").getAsString());
        }
    }

    @Test
    void controlRequestsAreServedToo() throws Exception {
        try (ZMQ.Socket control = client(SocketType.DEALER, connection.getControlPort())) {
            sendFrames(control, clientCodec.encode(kernelInfoRequest()));

            assertEquals("kernel_info_reply", clientCodec.decode(receiveFrames(control)).type());
        }
    }

    @Test
    void theHeartbeatEchoesWhatItReceives() {
        try (ZMQ.Socket heartbeat = client(SocketType.REQ, connection.getHbPort())) {
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            heartbeat.send(ping, 0);

            assertArrayEquals(ping, heartbeat.recv(0));
        }
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }
}

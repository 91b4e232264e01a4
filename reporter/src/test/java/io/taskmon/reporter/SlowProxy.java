package io.taskmon.reporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real TCP hop in front of the real gateway that holds every answer back for a while: a
 * gateway that is up but slow, as on an overloaded host. Requests pass at once.
 */
final class SlowProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int gatewayPort;
    private final Duration delay;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SlowProxy(int gatewayPort, Duration delay) {
        this.gatewayPort = gatewayPort;
        this.delay = delay;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "slow-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket gateway = new Socket(InetAddress.getLoopbackAddress(), gatewayPort);
                sockets.add(client);
                sockets.add(gateway);
                pump(client.getInputStream(), gateway.getOutputStream(), Duration.ZERO);
                pump(gateway.getInputStream(), client.getOutputStream(), delay);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(InputStream from, OutputStream to, Duration hold) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    byte[] chunk = Arrays.copyOf(buffer, n);
                    later.schedule(() -> write(to, chunk), hold.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (IOException e) {
                // a side closed the connection
            }
        }, "slow-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void write(OutputStream to, byte[] chunk) {
        try {
            to.write(chunk);
            to.flush();
        } catch (IOException e) {
            // the client gave up waiting: exactly the case under test
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        later.shutdownNow();
    }
}

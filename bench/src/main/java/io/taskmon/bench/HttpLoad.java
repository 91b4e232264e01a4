package io.taskmon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;

/**
 * A small HTTP/1.1 load generator: many keep-alive connections on loopback, driven by one
 * thread with a selector, so it takes as little of the machine's two cores as it can.
 *
 * <p>Closed loop: each connection sends its next request as soon as the answer to the previous
 * one is in. Fixed rate: requests are due at an even pace whatever the server does, and the
 * latency of each counts from when it was due, not from when a connection was free to send it,
 * so a slow server cannot hide its queue (no coordinated omission).
 */
final class HttpLoad {

    /**
     * What one phase measured. {@code reports} counts what the answers say was accepted;
     * {@code latencyNanos} holds every answer's latency in nanoseconds.
     */
    record Result(long requests, long okRequests, long reports, long failed, double seconds, Histogram latencyNanos,
                  long cpuNanos) {
        double reportsPerSecond() {
            return reports / seconds;
        }

        /** The latency at {@code percentile} (0 to 100) in milliseconds; NaN when nothing was answered. */
        double latencyMillis(double percentile) {
            return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(percentile) / 1e6;
        }

        /**
         * CPU time of this whole JVM (load generator, server, broker) per accepted report: less
         * sensitive to other work on a shared machine than the rate. Work in other processes (the
         * baseline's PostgreSQL) is not in it.
         */
        double cpuMicrosPerReport() {
            return reports == 0 ? Double.NaN : cpuNanos / 1e3 / reports;
        }

        /** Two runs of the same load as one: counts and time added, latencies pooled. */
        Result plus(Result other) {
            Histogram pooled = latencyNanos.copy();
            pooled.add(other.latencyNanos);
            return new Result(requests + other.requests, okRequests + other.okRequests, reports + other.reports,
                    failed + other.failed, seconds + other.seconds, pooled, cpuNanos + other.cpuNanos);
        }
    }

    private final InetSocketAddress server;
    private final LongFunction<byte[]> requests;
    /** How many reports an answer says were accepted: 0 for anything but success. */
    private final ToIntFunction<Answer> acceptedReports;

    record Answer(int status, String body) {
    }

    HttpLoad(InetSocketAddress server, LongFunction<byte[]> requests, ToIntFunction<Answer> acceptedReports) {
        this.server = server;
        this.requests = requests;
        this.acceptedReports = acceptedReports;
    }

    Result closedLoop(int connections, Duration duration) {
        return run(connections, duration, 0);
    }

    Result fixedRate(int connections, Duration duration, int perSecond) {
        return run(connections, duration, perSecond);
    }

    private final class Connection {
        final SocketChannel channel;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(1 << 20);
        long dueAt;
        boolean busy;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private Result run(int connectionCount, Duration duration, int perSecond) {
        // Three significant digits: a microsecond's resolution at a millisecond, and it grows as needed.
        Histogram latency = new Histogram(3);
        long requestsSent = 0;
        long ok = 0;
        long reports = 0;
        long failed = 0;
        try (Selector selector = Selector.open()) {
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < connectionCount; i++) {
                SocketChannel channel = SocketChannel.open(server);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel);
                channel.register(selector, 0, connection);
                connections.add(connection);
            }
            Deque<Connection> idle = new ArrayDeque<>(connections);
            Deque<Long> backlog = new ArrayDeque<>();
            long cpuAtStart = CpuClock.processNanos();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long intervalNanos = perSecond > 0 ? 1_000_000_000L / perSecond : 0;
            long nextDue = start;
            long sequence = 0;
            int inFlight = 0;
            while (true) {
                long now = System.nanoTime();
                boolean sending = now < end;
                if (sending) {
                    if (perSecond > 0) {
                        while (nextDue <= now && nextDue < end) {
                            backlog.add(nextDue);
                            nextDue += intervalNanos;
                        }
                        while (!backlog.isEmpty() && !idle.isEmpty()) {
                            send(idle.poll(), selector, requests.apply(sequence++), backlog.poll());
                            inFlight++;
                            requestsSent++;
                        }
                    } else {
                        while (!idle.isEmpty()) {
                            send(idle.poll(), selector, requests.apply(sequence++), now);
                            inFlight++;
                            requestsSent++;
                        }
                    }
                } else if (inFlight == 0) {
                    break;
                }
                if (now > end + Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException(inFlight + " requests still unanswered 30 s after the phase ended");
                }
                selector.select(1);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        connection.channel.write(connection.out);
                        if (!connection.out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    }
                    if (key.isReadable()) {
                        Answer answer = read(connection);
                        if (answer != null) {
                            latency.recordValue(System.nanoTime() - connection.dueAt);
                            inFlight--;
                            int accepted = acceptedReports.applyAsInt(answer);
                            if (answer.status() == 200 || accepted > 0) {
                                ok++;
                            } else {
                                failed++;
                            }
                            reports += accepted;
                            connection.busy = false;
                            idle.add(connection);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            double seconds = duration.toNanos() / 1e9;
            for (Connection connection : connections) {
                connection.channel.close();
            }
            long cpuNanos = CpuClock.processNanos() - cpuAtStart;
            return new Result(requestsSent, ok, reports, failed, seconds, latency, cpuNanos);
        } catch (IOException e) {
            throw new UncheckedIOException("load generator lost its connection to " + server, e);
        }
    }

    private static void send(Connection connection, Selector selector, byte[] request, long dueAt) throws IOException {
        connection.out = ByteBuffer.wrap(request);
        connection.dueAt = dueAt;
        connection.busy = true;
        connection.channel.write(connection.out);
        connection.channel.keyFor(selector).interestOps(
                connection.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
    }

    /** Reads what is there; returns the answer once it is complete (Content-Length framing). */
    private static Answer read(Connection connection) throws IOException {
        ByteBuffer in = connection.in;
        int n = connection.channel.read(in);
        if (n < 0) {
            throw new IOException("the server closed a keep-alive connection");
        }
        byte[] bytes = in.array();
        int filled = in.position();
        int headerEnd = indexOf(bytes, filled);
        if (headerEnd < 0) {
            return null;
        }
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        int contentLength = contentLength(head);
        int total = headerEnd + 4 + contentLength;
        if (filled < total) {
            return null;
        }
        String body = new String(bytes, headerEnd + 4, contentLength, StandardCharsets.UTF_8);
        // Keep-alive answers are not pipelined here, so nothing follows the body.
        in.clear();
        return new Answer(status, body);
    }

    private static int indexOf(byte[] bytes, int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IllegalStateException("an answer without Content-Length: " + head);
    }
}

package io.taskmon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskmon.events.EventJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * A webhook receiver on loopback as a user would run one: it takes each POST, drops a repeat by
 * {@code webhook-id} (and counts it), and can refuse a share of requests with a 500 to stand in
 * for a flaky receiver. For each alert taken the first time, it records the time from when the
 * benchmark put the alert on the topic.
 */
final class NotifyReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final int failPercent;
    private final SplittableRandom random = new SplittableRandom(42);
    private final Map<UUID, Long> sentAtNanos;
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Histogram latencyMicros = new SynchronizedHistogram(3_600_000_000L, 3);
    private volatile long lastTakenNanos;

    /**
     * @param failPercent  the share of requests answered 500, 0 to 100
     * @param sentAtNanos  when each alert was put on the topic ({@link System#nanoTime()}), by alert id
     */
    NotifyReceiver(int failPercent, Map<UUID, Long> sentAtNanos) throws IOException {
        this.failPercent = failPercent;
        this.sentAtNanos = sentAtNanos;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/bench";
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean fail;
        synchronized (random) {
            fail = random.nextInt(100) < failPercent;
        }
        if (fail) {
            refused.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
        if (webhookId == null || !taken.add(webhookId)) {
            duplicates.incrementAndGet();
        } else {
            JsonNode payload = EventJson.mapper().readTree(body);
            Long sentAt = sentAtNanos.get(UUID.fromString(payload.path("data").path("alert_id").asText()));
            if (sentAt != null) {
                latencyMicros.recordValue(Math.max(0, (now - sentAt) / 1_000));
            }
            lastTakenNanos = now;
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /** Alerts taken, each counted once. */
    long delivered() {
        return taken.size();
    }

    long duplicates() {
        return duplicates.get();
    }

    long refused() {
        return refused.get();
    }

    long lastTakenNanos() {
        return lastTakenNanos;
    }

    Histogram latencyMicros() {
        return latencyMicros.copy();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

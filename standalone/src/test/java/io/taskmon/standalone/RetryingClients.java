package io.taskmon.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A fleet of reporting clients as the gateway's contract asks them to behave: every report
 * carries an event_id, and a report that was not answered 200 (refused connection, reset,
 * timeout, 503) is sent again with the same id until it is. Remembers every report it made, so
 * a test can tell what the read model must hold: each report once, and each monitor's counters.
 */
final class RetryingClients {

    /** One report as first sent; retries send the same text. */
    record Report(UUID eventId, String taskKey, boolean failed, String json) {
    }

    private static final int BATCH_SIZE = 25;
    private static final Duration BACK_OFF = Duration.ofMillis(100);

    private final String ingestKey;
    private final int monitors;
    private final String taskKeyPrefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UUID, Report> made = new ConcurrentHashMap<>();
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final Queue<Report> toResend = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final Map<String, AtomicLong> failedAttempts = new ConcurrentHashMap<>();

    RetryingClients(String ingestKey, int monitors, String taskKeyPrefix) {
        this.ingestKey = ingestKey;
        this.monitors = monitors;
        this.taskKeyPrefix = taskKeyPrefix;
    }

    /** Clients sending against {@code base} until {@link Load#stop()}: what is owed first, then new reports. */
    Load start(URI base, int clients) {
        return new Load(base, clients, true);
    }

    /** Clients sending only what is still owed, until {@link Load#stop()}. */
    Load resendOwed(URI base, int clients) {
        return new Load(base, clients, false);
    }

    boolean allAcknowledged() {
        return acknowledged.size() == made.size();
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    int madeCount() {
        return made.size();
    }

    /** Reports sent again because an earlier attempt got no 200. */
    long resentCount() {
        return resent.get();
    }

    /** Attempts that got no 200 since the last call, by answer ("503") or exception, then forgotten. */
    Map<String, Long> takeFailedAttempts() {
        Map<String, Long> taken = new TreeMap<>();
        failedAttempts.keySet().forEach(reason -> taken.put(reason, failedAttempts.remove(reason).get()));
        return taken;
    }

    Set<UUID> eventIds() {
        return Set.copyOf(made.keySet());
    }

    /** Per task key: "total runs|total failures" the reports made add up to. */
    Map<String, String> expectedCounters() {
        return made.values().stream().collect(Collectors.groupingBy(Report::taskKey, Collectors.collectingAndThen(
                Collectors.toList(), reports -> reports.size() + "|" + reports.stream().filter(Report::failed).count())));
    }

    /** Sending threads; each request is a single report or, every other time, an NDJSON batch. */
    final class Load {

        private final AtomicBoolean stopped = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        private Load(URI base, int clients, boolean makeNew) {
            for (int i = 0; i < clients; i++) {
                Thread thread = new Thread(() -> send(base, makeNew), "reporting-client-" + (i + 1));
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void send(URI base, boolean makeNew) {
            boolean batch = false;
            while (!stopped.get()) {
                List<Report> reports = next(batch ? BATCH_SIZE : 1, makeNew);
                if (reports.isEmpty()) {
                    pause();
                    continue;
                }
                if (post(base, reports)) {
                    reports.forEach(report -> acknowledged.add(report.eventId()));
                } else {
                    toResend.addAll(reports);
                    pause();
                }
                batch = !batch;
            }
        }

        private List<Report> next(int count, boolean makeNew) {
            List<Report> reports = new ArrayList<>(count);
            Report owed;
            while (reports.size() < count && (owed = toResend.poll()) != null) {
                resent.incrementAndGet();
                reports.add(owed);
            }
            while (makeNew && reports.size() < count) {
                reports.add(newReport());
            }
            return reports;
        }

        /** True only for a 200: every report of the request is in Kafka. Anything else is sent again. */
        private boolean post(URI base, List<Report> reports) {
            boolean single = reports.size() == 1;
            String body = single ? reports.get(0).json()
                    : reports.stream().map(Report::json).collect(Collectors.joining("\n"));
            HttpRequest request = HttpRequest.newBuilder(base.resolve(single ? "/api/monitor/report" : "/api/monitor/reports"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", single ? "application/json" : "application/x-ndjson")
                    .header("Authorization", "Bearer " + ingestKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                if (status != 200) {
                    failed(Integer.toString(status));
                }
                return status == 200;
            } catch (IOException e) {
                failed(e.getClass().getSimpleName());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void failed(String reason) {
            failedAttempts.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        }

        /** A client backs off before it tries again, as a real one does. */
        private void pause() {
            try {
                Thread.sleep(BACK_OFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Report newReport() {
        long n = sequence.getAndIncrement();
        String taskKey = taskKeyPrefix + (n % monitors);
        boolean failed = n % 3 == 0;
        UUID eventId = UUID.randomUUID();
        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String json = """
                {"task_key":"%s","task_name":"Crash loop %s","kind":"shell","status":"%s","exit_code":%d,\
                "started_at":"%s","finished_at":"%s","machine_name":"CRASH-01","event_id":"%s"}"""
                .formatted(taskKey, taskKey, failed ? "failed" : "success", failed ? 1 : 0,
                        finished.minusSeconds(5), finished, eventId);
        Report report = new Report(eventId, taskKey, failed, json);
        made.put(eventId, report);
        return report;
    }
}

package io.taskmon.bench;

import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import io.taskmon.standalone.StandaloneSettings;
import io.taskmon.streams.MonitorRules;
import io.taskmon.streams.MonitorStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./taskmon bench streams}: monitor-streams on an embedded broker, in two phases.
 *
 * <ol>
 *   <li>Catch-up: pre-loads run events over many monitors (default 1,000,000 over 10,000), then
 *       times the app from {@code start()} until its committed offsets reach the end of
 *       task-runs (consumer lag 0). Comparator, same machine and data, measured first: a plain
 *       consumer that only reads and decodes the same events (no state, no output, no
 *       transactions), the ceiling of what any processing can reach here.</li>
 *   <li>Steady: a fixed rate (default 2,000 events/s) where every tenth monitor fails three times
 *       in a row between successes; for each FAILING alert, the time from its third failure's
 *       produce timestamp (the alert carries the run's record timestamp) to the alert being read
 *       by a read_committed consumer.</li>
 * </ol>
 *
 * <p>Sizes and settings come from system properties or environment variables (in brackets):
 * {@code taskmon.bench.streams.events} [TASKMON_BENCH_STREAMS_EVENTS], {@code .monitors},
 * {@code .rate}, {@code .steady-seconds}, {@code .partitions}, {@code .threads},
 * {@code .commit-ms}.
 */
public final class StreamsBenchmark {

    /**
     * Runs finish in the recent past, one a minute per monitor up to the benchmark's start, as
     * after a real outage: their hours are within the stats retention, so hourly stats are
     * counted and published for every run, as they are in production.
     */
    private final Instant preloadEnd = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The steady phase's runs finish from here on, a second apart per monitor. */
    private volatile Instant steadyStart;
    /** Every n-th monitor is made to fail during the steady phase. */
    private static final int FAILING_EVERY = 10;

    private final int events = setting("events", 1_000_000);
    private final int monitors = setting("monitors", 10_000);
    private final int rate = setting("rate", 2_000);
    private final int steadySeconds = setting("steady-seconds", 30);
    // As `./taskmon up` runs it.
    private final int partitions = setting("partitions", StandaloneSettings.DEFAULT_PARTITIONS);
    private final int threads = setting("threads", StandaloneSettings.defaultStreamThreads());
    private final int commitMs = setting("commit-ms", (int) MonitorStreamsApp.Settings.DEFAULT_COMMIT_INTERVAL.toMillis());
    private final BenchRuns benchRuns = new BenchRuns();

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        new StreamsBenchmark().run(Files.createTempDirectory(Files.createDirectories(base), "streams-"));
    }

    private void run(Path dir) throws Exception {
        System.out.printf("streams bench: %,d events over %,d monitors, %d partitions, %d stream thread(s),"
                        + " commit every %d ms; steady %d events/s for %d s%n",
                events, monitors, partitions, threads, commitMs, rate, steadySeconds);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            String bootstrap = broker.bootstrapServers();
            TopicProvisioner.ensureTopics(bootstrap, Topics.ALL, partitions);
            awaitLeaders(bootstrap);

            long preloadStarted = System.nanoTime();
            preload(bootstrap);
            System.out.printf("pre-loaded %,d events in %d ms%n", events, millisSince(preloadStarted));

            double baselinePerSecond = plainConsumerBaseline(bootstrap);
            System.out.printf("baseline (plain consumer, read + decode only): %,.0f events/s%n", baselinePerSecond);

            MonitorStreamsApp.Settings settings = new MonitorStreamsApp.Settings(bootstrap,
                    "bench-streams", dir.resolve("streams"), null, MonitorRules.defaults(),
                    Duration.ofMillis(commitMs), threads);
            try (MonitorStreamsApp app = new MonitorStreamsApp(settings)) {
                long started = System.nanoTime();
                app.start();
                awaitCaughtUp(bootstrap, settings.applicationId());
                long catchUpMs = millisSince(started);
                double perSecond = events * 1000.0 / catchUpMs;
                System.out.printf("catch-up: %,d events from start to lag 0 in %d ms: %,.0f events/s"
                        + " (%.2f of the baseline)%n", events, catchUpMs, perSecond, perSecond / baselinePerSecond);

                Histogram latencies = steadyPhase(bootstrap);
                long p50 = percentile(latencies, 50);
                long p99 = percentile(latencies, 99);
                System.out.printf("steady: %d FAILING alerts, latency p50 %d ms, p99 %d ms, max %d ms%n",
                        latencies.getTotalCount(), p50, p99, latencies.getMaxValue());
                System.out.printf("RESULT name=streams events_per_s=%.0f alert_latency_p50_ms=%d alert_latency_p99_ms=%d"
                                + " baseline_events_per_s=%.0f ratio_to_baseline=%.2f events=%d monitors=%d alerts=%d%n",
                        perSecond, p50, p99, baselinePerSecond, perSecond / baselinePerSecond, events, monitors,
                        latencies.getTotalCount());
            }
        }
    }

    /**
     * Until every partition of every topic has a leader: a producer that starts right after the
     * topics were created can otherwise hit a partition still being set up and retry forever.
     */
    private void awaitLeaders(String bootstrap) throws Exception {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!admin.describeTopics(names).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded broker's partitions got no leader within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Runs in order per monitor, a fifth of them failed, so streaks, alerts and recoveries all happen. */
    private void preload(String bootstrap) throws Exception {
        Random random = new Random(42);
        int runsPerMonitor = (events + monitors - 1) / monitors;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, true)) {
            for (int i = 0; i < events; i++) {
                int monitor = i % monitors;
                int nth = i / monitors;
                RunStatus status = random.nextInt(5) == 0 ? RunStatus.FAILED : RunStatus.SUCCESS;
                benchRuns.send(producer, BenchRuns.run(monitor, status, preloadEnd.minus(Duration.ofMinutes(runsPerMonitor - nth))));
            }
            producer.flush();
        }
        benchRuns.checkNothingLost();
    }

    private double plainConsumerBaseline(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.TASK_RUNS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long started = System.nanoTime();
            long read = 0;
            long checksum = 0;
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    UUID key = Topics.TASK_RUNS.keySerde().deserializer().deserialize("", record.key());
                    TaskRunReported run = Topics.TASK_RUNS.valueSerde().deserializer().deserialize("", record.value());
                    checksum += key.hashCode() + run.status().ordinal();
                    read++;
                }
            }
            long ms = Math.max(1, millisSince(started));
            if (checksum == 42) {
                System.out.println("(checksum)");
            }
            return read * 1000.0 / ms;
        }
    }

    /** Until the app's committed offsets on task-runs reach the end of every partition. */
    private void awaitCaughtUp(String bootstrap, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.TASK_RUNS.name()))
                    .allTopicNames().get().get(Topics.TASK_RUNS.name()).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.TASK_RUNS.name(), p.partition()),
                            p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = end.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata offset = committed.get(e.getKey());
                    return offset != null && offset.offset() >= e.getValue();
                });
                if (caughtUp) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("monitor-streams did not catch up within 30 minutes");
                }
                // Polling harder would take CPU from the app being measured; 50 ms is well below
                // the resolution that matters at a million events.
                Thread.sleep(50);
            }
        }
    }

    /**
     * Sends {@code rate} events a second for {@code steadySeconds}; failing monitors cycle
     * success, failed, failed, failed, so every fourth of their runs raises FAILING (threshold 3).
     */
    private Histogram steadyPhase(String bootstrap) throws Exception {
        // Milliseconds; written by the alert reader while this thread counts what has arrived.
        Histogram latencies = new SynchronizedHistogram(3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong expected = new AtomicLong();
        steadyStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Thread reader = new Thread(() -> readAlerts(bootstrap, latencies, stop), "bench-alert-reader");
        reader.start();
        int[] step = new int[monitors];
        long total = (long) rate * steadySeconds;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, false)) {
            long began = System.nanoTime();
            for (long i = 0; i < total; i++) {
                // Paced in 10 ms slices: each slice's events go out together, as a busy gateway's would.
                long due = began + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                int monitor = (int) (i % monitors);
                int n = step[monitor]++;
                RunStatus status = RunStatus.SUCCESS;
                if (monitor % FAILING_EVERY == 0 && n % 4 != 0) {
                    status = RunStatus.FAILED;
                    if (n % 4 == 3) {
                        expected.incrementAndGet();
                    }
                }
                benchRuns.send(producer, BenchRuns.run(monitor, status, steadyStart.plus(Duration.ofSeconds(n))));
            }
            producer.flush();
            benchRuns.checkNothingLost();
            long sentMs = millisSince(began);
            System.out.printf("steady: sent %,d events in %d ms (%,.0f events/s)%n", total, sentMs,
                    total * 1000.0 / sentMs);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (latencies.getTotalCount() < expected.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        stop.set(true);
        reader.join();
        if (latencies.getTotalCount() < expected.get()) {
            System.out.printf("steady: only %d of %d FAILING alerts arrived within 60 s%n", latencies.getTotalCount(),
                    expected.get());
        }
        return latencies;
    }

    private void readAlerts(String bootstrap, Histogram latencies, AtomicBoolean stop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        try (KafkaConsumer<UUID, Alert> consumer = new KafkaConsumer<>(props, Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            while (!stop.get()) {
                for (ConsumerRecord<UUID, Alert> record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.value().type() == AlertType.FAILING
                            && record.value().firstFailureAt().isAfter(steadyStart.minusSeconds(1))) {
                        // Both clocks are this machine's; a negative difference is a clock step, counted as 0.
                        latencies.recordValue(Math.max(0, System.currentTimeMillis() - record.timestamp()));
                    }
                }
            }
        }
    }

    /** Bulk loading batches generously; the steady phase sends at once, as the gateway does. */
    private static KafkaProducer<byte[], byte[]> producer(String bootstrap, boolean bulk) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, bulk ? "20" : "0");
        // One batch in flight per partition keeps the order without the idempotent producer's
        // sequence numbers, which can get stuck retrying right after topic creation.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // The machine may be busy; a slow broker must delay the load, not drop events.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, bulk ? Integer.toString(512 * 1024) : "16384");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** -1 when no alert arrived. */
    private static long percentile(Histogram latencies, int percent) {
        return latencies.getTotalCount() == 0 ? -1 : latencies.getValueAtPercentile(percent);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static int setting(String name, int fallback) {
        String value = System.getProperty("taskmon.bench.streams." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("TASKMON_BENCH_STREAMS_" + name.toUpperCase().replace('-', '_'));
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the value given
        }
        System.err.printf("streams bench: %s must be a positive whole number, got '%s'%n", name, value);
        System.exit(2);
        return fallback;
    }
}

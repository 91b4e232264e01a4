package io.taskmon.bench;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.config.RuntimeEndpoints;
import io.taskmon.events.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./taskmon bench restart}: how long {@code ./taskmon up} takes to be ready again on a
 * home with a long history, after a clean stop and after a crash, against a cold start on an
 * empty home.
 *
 * <p>The standalone jar runs in processes of its own (see {@link StandaloneProcess}). The
 * history (default 1,000,000 runs over 10,000 monitors, finishing in the recent past so that
 * the event id memory and hourly stats hold all of it) is produced straight into task-runs of
 * the child's broker, and the benchmark waits until every run is in {@code task_runs} and
 * counted in {@code task_monitors}, that is until monitor-streams and the projector have caught
 * up. Then three restarts after SIGTERM and three after SIGKILL of the process groups of the
 * JVM and its PostgreSQL; before each stop or kill, a further run per monitor (at most 1,000)
 * goes through and lands, so the services are mid-work as in production. Cold: the first
 * start of the history's home and two more on new homes.
 *
 * <p>Sizes come from system properties or environment variables (in brackets):
 * {@code taskmon.bench.restart.runs} [TASKMON_BENCH_RESTART_RUNS], {@code .monitors}.
 */
public final class RestartBenchmark {

    private static final int RESTARTS = 3;
    private static final int LOAD_BEFORE_STOP = 1_000;
    private static final long READY_TIMEOUT_S = 600;
    private static final String KEY = "bench-key";

    private final int runs = setting("runs", 1_000_000);
    private final int monitors = setting("monitors", 10_000);
    private final Instant historyEnd = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final BenchRuns benchRuns = new BenchRuns();
    private final Path jar;
    private final Path base;
    private long expectedRuns;

    private RestartBenchmark(Path jar, Path base) {
        this.jar = jar;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        new RestartBenchmark(Checkout.standaloneJar(), Files.createDirectories(base)).run();
    }

    private void run() throws Exception {
        System.out.printf("restart bench: history of %,d runs over %,d monitors; %d clean and %d crash restarts%n",
                runs, monitors, RESTARTS, RESTARTS);
        List<Long> cold = new ArrayList<>();
        List<Long> clean = new ArrayList<>();
        List<Long> crash = new ArrayList<>();
        List<Long> restoredAfterCrash = new ArrayList<>();
        Path home = Files.createTempDirectory(base, "restart-");

        StandaloneProcess first = StandaloneProcess.start(jar, home, KEY);
        try {
            cold.add(first.awaitReadyMs(READY_TIMEOUT_S));
            System.out.printf("cold start (the history's home): ready in %d ms%n", cold.get(0));
            long began = System.nanoTime();
            produceHistory(first.endpoints());
            System.out.printf("history produced into task-runs in %d ms%n", millisSince(began));
            awaitLanded(first.endpoints().postgres());
            System.out.printf("history in task_runs and counted in task_monitors %d ms after the first run was sent%n",
                    millisSince(began));
            first.stop();
        } finally {
            first.killQuietly();
        }

        // Each start is ended the way the next one is measured: three after SIGTERM, three after SIGKILL.
        List<Boolean> crashBefore = List.of(false, false, false, true, true, true);
        for (int i = 0; i < crashBefore.size(); i++) {
            boolean crashed = crashBefore.get(i);
            boolean killNext = i + 1 < crashBefore.size() && crashBefore.get(i + 1);
            StandaloneProcess restart = StandaloneProcess.start(jar, home, KEY);
            try {
                long readyMs = restart.awaitReadyMs(READY_TIMEOUT_S);
                (crashed ? crash : clean).add(readyMs);
                if (crashed) {
                    restoredAfterCrash.add(restart.recordsRestored());
                }
                System.out.printf("restart after %s: ready in %d ms, %,d records restored from changelogs%n",
                        crashed ? "kill -9" : "a clean stop", readyMs, restart.recordsRestored());
                loadBeforeStop(restart.endpoints());
                if (killNext) {
                    restart.killWithPostgres();
                } else {
                    restart.stop();
                }
            } finally {
                restart.killQuietly();
            }
        }

        for (int i = 1; i < RESTARTS; i++) {
            StandaloneProcess empty = StandaloneProcess.start(jar, Files.createTempDirectory(base, "cold-"), KEY);
            try {
                cold.add(empty.awaitReadyMs(READY_TIMEOUT_S));
                System.out.printf("cold start on an empty home: ready in %d ms%n", cold.get(i));
                empty.stop();
            } finally {
                empty.killQuietly();
            }
        }

        long coldMs = median(cold);
        long cleanMs = median(clean);
        long crashMs = median(crash);
        System.out.printf("ready ms: cold %s, after a clean stop %s, after kill -9 %s (restored %s records)%n",
                cold, clean, crash, restoredAfterCrash);
        System.out.printf(Locale.ROOT, "RESULT name=restart history_runs=%d monitors=%d clean_ready_ms=%d crash_ready_ms=%d"
                        + " cold_ready_ms=%d clean_ratio=%.2f crash_ratio=%.2f crash_restored_records=%d%n",
                runs, monitors, cleanMs, crashMs, coldMs, (double) cleanMs / coldMs, (double) crashMs / coldMs,
                median(restoredAfterCrash));
    }

    /** Runs in order per monitor, one a minute, a fifth of them failed, ending now. */
    private void produceHistory(RuntimeEndpoints endpoints) throws Exception {
        Random random = new Random(42);
        int runsPerMonitor = (runs + monitors - 1) / monitors;
        try (KafkaProducer<byte[], byte[]> producer = producer(endpoints.kafkaBootstrapServers())) {
            for (int i = 0; i < runs; i++) {
                RunStatus status = random.nextInt(5) == 0 ? RunStatus.FAILED : RunStatus.SUCCESS;
                benchRuns.send(producer, BenchRuns.run(i % monitors, status,
                        historyEnd.minus(Duration.ofMinutes(runsPerMonitor - i / monitors))));
            }
            producer.flush();
        }
        benchRuns.checkNothingLost();
        expectedRuns += runs;
    }

    /** One more run for up to {@value #LOAD_BEFORE_STOP} monitors, until they have landed. */
    private void loadBeforeStop(RuntimeEndpoints endpoints) throws Exception {
        int count = Math.min(LOAD_BEFORE_STOP, monitors);
        try (KafkaProducer<byte[], byte[]> producer = producer(endpoints.kafkaBootstrapServers())) {
            for (int i = 0; i < count; i++) {
                benchRuns.send(producer, BenchRuns.run(i, RunStatus.SUCCESS, Instant.now()));
            }
            producer.flush();
        }
        benchRuns.checkNothingLost();
        expectedRuns += count;
        awaitLanded(endpoints.postgres());
    }

    /** Until {@code task_runs} holds every run sent and the monitors' counters add up to them. */
    private void awaitLanded(PostgresEndpoint postgres) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long nextNotice = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password());
             Statement statement = connection.createStatement()) {
            while (true) {
                long stored = count(statement, "select count(*) from taskmon.task_runs");
                long counted = count(statement, "select coalesce(sum(total_runs), 0) from taskmon.task_monitors");
                if (stored >= expectedRuns && counted >= expectedRuns) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("after 30 minutes only " + stored + " of " + expectedRuns
                            + " runs are in task_runs and " + counted + " counted in task_monitors");
                }
                if (System.nanoTime() > nextNotice) {
                    System.out.printf("  waiting: %,d of %,d runs in task_runs, %,d counted%n", stored, expectedRuns,
                            counted);
                    nextNotice += Duration.ofSeconds(10).toNanos();
                }
                // Counting a million rows costs the database a moment; once a second leaves it to the projector.
                Thread.sleep(1000);
            }
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        // The machine may be busy; a slow broker must delay the load, not drop runs.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static int setting(String name, int fallback) {
        String value = System.getProperty("taskmon.bench.restart." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("TASKMON_BENCH_RESTART_" + name.toUpperCase(Locale.ROOT));
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
        System.err.printf("restart bench: %s must be a positive whole number, got '%s'%n", name, value);
        System.exit(2);
        return fallback;
    }
}

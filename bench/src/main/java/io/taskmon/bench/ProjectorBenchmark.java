package io.taskmon.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.EmbeddedPostgresServer;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import io.taskmon.projector.Projector;
import io.taskmon.projector.ProjectorLag;
import io.taskmon.projector.ReadModelMigrations;
import io.taskmon.readmodel.ReadModelJdbi;
import io.taskmon.standalone.StandaloneSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code ./taskmon bench projector}: run events over many monitors, pre-loaded into an embedded
 * Kafka together with one monitor-status event per {@value #RUNS_PER_STATUS} runs (what
 * monitor-streams emits after its cache), then the time from the projector's start to every row
 * committed in PostgreSQL. The baseline, measured in the same run on a sample of further runs
 * into the same tables, is the per-request pattern taskmon replaces: one transaction per run
 * that upserts the monitor's latest row and inserts the run row, from
 * {@value #BASELINE_THREADS} threads.
 *
 * <p>PostgreSQL is durable, as `./taskmon up` runs it: the per-request pattern answers its
 * client once the run is on disk, so it waits for a WAL flush per run, where the projector
 * waits for one per batch. {@code .durability=throwaway} (TASKMON_BENCH_PROJECTOR_DURABILITY)
 * measures both on a server that flushes nothing, as the tests run it.
 *
 * <p>Sizes: {@code -Dtaskmon.bench.projector.runs} (TASKMON_BENCH_PROJECTOR_RUNS, default
 * 1,000,000), {@code .monitors} (10,000), {@code .baseline-sample} (20,000).
 */
public final class ProjectorBenchmark {

    private static final int RUNS_PER_STATUS = 10;
    private static final int BASELINE_THREADS = 8;
    /** As `./taskmon up` creates the topics. */
    private static final int PARTITIONS = StandaloneSettings.DEFAULT_PARTITIONS;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final int runs;
    private final int monitors;
    private final int baselineSample;
    private final EmbeddedPostgresServer.Durability durability;

    private ProjectorBenchmark(int runs, int monitors, int baselineSample,
                               EmbeddedPostgresServer.Durability durability) {
        this.runs = runs;
        this.monitors = monitors;
        this.baselineSample = baselineSample;
        this.durability = durability;
    }

    public static void main(String[] args) throws Exception {
        ProjectorBenchmark bench = new ProjectorBenchmark(size("runs", 1_000_000), size("monitors", 10_000),
                size("baseline-sample", 20_000), durability());
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        bench.run(Files.createTempDirectory(Files.createDirectories(base), "projector-"));
        System.exit(0); // the embedded broker leaves non-daemon threads behind
    }

    private static int size(String name, int fallback) {
        String value = setting(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static EmbeddedPostgresServer.Durability durability() {
        String value = setting("durability");
        if (value == null || value.isBlank()) {
            return EmbeddedPostgresServer.Durability.DURABLE;
        }
        try {
            return EmbeddedPostgresServer.Durability.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.printf("projector bench: TASKMON_BENCH_PROJECTOR_DURABILITY must be durable or throwaway,"
                    + " got '%s'%n", value);
            System.exit(2);
            return null;
        }
    }

    private static String setting(String name) {
        String value = System.getProperty("taskmon.bench.projector." + name);
        return value != null ? value
                : System.getenv("TASKMON_BENCH_PROJECTOR_" + name.toUpperCase().replace('-', '_'));
    }

    private void run(Path dir) throws Exception {
        tuneForWrites(dir.resolve("postgres"));
        System.out.println("PostgreSQL " + durability.label()
                + (durability == EmbeddedPostgresServer.Durability.DURABLE
                        ? " (fsync and synchronous commit on, as ./taskmon up runs it)"
                        : " (fsync and synchronous commit off, as the tests run it)"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, durability)) {
            String bootstrap = broker.bootstrapServers();
            TopicProvisioner.ensureTopics(bootstrap, Topics.ALL, PARTITIONS);
            awaitLeaders(bootstrap);
            long loadBegan = System.nanoTime();
            int statuses = preload(bootstrap);
            System.out.printf("pre-loaded %,d run events and %,d monitor-status events over %,d monitors in %.1f s%n",
                    runs, statuses, monitors, seconds(loadBegan));

            PostgresEndpoint readModel = database(postgres.endpoint(), "bench_projector");
            Measured projector = measureProjector(bootstrap, readModel);
            double projectorRate = runs / projector.seconds();
            System.out.printf("projector: %,d runs (+%,d statuses) committed in %.1f s: %,.0f runs/s; %s%n",
                    runs, statuses, projector.seconds(), projectorRate, projector.cpuPerRun(runs));

            Measured baseline = measureBaseline(readModel);
            double baselineRate = baselineSample / baseline.seconds();
            System.out.printf("baseline (per-request upsert+insert, one transaction per run, %d threads, into the same"
                    + " tables after the projector's rows): %,d runs in %.1f s: %,.0f runs/s; %s%n", BASELINE_THREADS,
                    baselineSample, baseline.seconds(), baselineRate, baseline.cpuPerRun(baselineSample));
            System.out.printf("RESULT name=projector rows_per_s=%.0f seconds=%.1f runs=%d monitors=%d statuses=%d"
                            + " baseline_rows_per_s=%.0f baseline_sample=%d ratio=%.1f%s durability=%s%n",
                    projectorRate, projector.seconds(), runs, monitors, statuses, baselineRate, baselineSample,
                    projectorRate / baselineRate, cpuFigures(projector, baseline), durability.label());
        }
    }

    /**
     * The embedded server starts with PostgreSQL's defaults, made for a small machine: 128 MB of
     * shared buffers and a checkpoint every 1 GB of WAL, which a million-row load passes several
     * times, each checkpoint making every touched index page be logged in full again. A server
     * that takes a write load is configured for it; both the projector and the baseline run on
     * this same configuration.
     */
    private static void tuneForWrites(Path postgresDir) throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(postgresDir)) {
            PostgresEndpoint server = postgres.endpoint();
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("alter system set shared_buffers = '512MB'");
                statement.execute("alter system set max_wal_size = '8GB'");
                statement.execute("alter system set checkpoint_timeout = '30min'");
            }
        }
        System.out.println("PostgreSQL for writes: shared_buffers=512MB max_wal_size=8GB checkpoint_timeout=30min"
                + " (projector and baseline alike)");
    }

    /** The i-th run event; the same for the projector and the baseline. */
    private TaskRunReported runEvent(int i, Random random) {
        int monitor = i % monitors;
        String taskKey = "bench-task-" + monitor;
        String machine = "HOST-" + (monitor % 50);
        boolean failed = random.nextInt(10) == 0;
        Instant finished = START.plusSeconds(i / monitors * 60L);
        UUID eventId = new UUID(random.nextLong(), random.nextLong());
        return new TaskRunReported(TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                MonitorId.of(taskKey, "shell", machine), taskKey, "nightly import " + monitor, "shell", machine,
                failed ? RunStatus.FAILED : RunStatus.SUCCESS, finished.minusSeconds(42), finished, 42_000L,
                failed ? 1 : 0, failed ? "connection reset by peer" : null, null, finished.plusMillis(5),
                1_000L + random.nextInt(1000), failed ? 3L : 0L, 1, 3, null, Map.of("county", "Taipei"), null);
    }

    private static MonitorStatus statusAfter(TaskRunReported run, long totalRuns) {
        boolean failed = run.status() == RunStatus.FAILED;
        return new MonitorStatus(MonitorStatus.SCHEMA_VERSION, run.monitorId(), run.taskKey(), run.taskName(),
                run.kind(), run.machineName(), run.status(), run.eventId(), run.runId(), run.startedAt(),
                run.finishedAt(), run.durationMs(), run.exitCode(), run.message(), run.logUrl(), run.receivedAt(),
                failed ? null : run.finishedAt(), failed ? run.finishedAt() : null, failed ? 1 : 0, totalRuns,
                totalRuns / 10, failed ? MonitorHealth.FAILING : MonitorHealth.UP, failed ? run.finishedAt() : null,
                3, AlertState.NONE, null, null, true, run.recordsProcessed());
    }

    /**
     * A bulk load into partitions whose leader is not elected yet fails over and over with
     * NOT_LEADER and out-of-order sequences; waiting a moment for the leaders avoids it.
     */
    private static void awaitLeaders(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.ALL.stream().map(t -> t.name()).toList();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                boolean ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic leaders not elected within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private int preload(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Right after topic creation the idempotent producer can loop on out-of-order sequences
        // until its batches expire; one request in flight keeps each monitor's order without it.
        // A retried batch may land twice: the projector writes such a duplicate once.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        Random random = new Random(42);
        int statuses = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback check = (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < runs; i++) {
                TaskRunReported run = runEvent(i, random);
                byte[] key = Topics.TASK_RUNS.keySerde().serializer().serialize("", run.monitorId());
                producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), key,
                        Topics.TASK_RUNS.valueSerde().serializer().serialize("", run)), check);
                if ((i / monitors) % RUNS_PER_STATUS == RUNS_PER_STATUS - 1 || i + monitors >= runs) {
                    producer.send(new ProducerRecord<>(Topics.MONITOR_STATUS.name(), key, Topics.MONITOR_STATUS
                            .valueSerde().serializer().serialize("", statusAfter(run, i / monitors + 1))), check);
                    statuses++;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("pre-loading Kafka failed: " + failure.get().getMessage(), failure.get());
        }
        return statuses;
    }

    /** How long a side took and the CPU it cost. */
    private record Measured(double seconds, CpuClock.Reading cpu) {

        String cpuPerRun(int runs) {
            OptionalLong perRun = cpu.machineMicrosPer(runs);
            String machine = perRun.isPresent()
                    ? String.format(Locale.ROOT, "%d µs of the machine's CPU per run, ", perRun.getAsLong()) : "";
            return String.format(Locale.ROOT, "%s%.1f µs of it in this JVM (projector or clients, and the broker)",
                    machine, cpu.processMicrosPer(runs));
        }
    }

    /**
     * The CPU each side cost per run: on a machine whose cores are busy it decides the rate, and
     * it moves less than the rate when other work shares the machine.
     */
    private String cpuFigures(Measured projector, Measured baseline) {
        String jvm = String.format(Locale.ROOT, " jvm_cpu_us_per_run=%.1f baseline_jvm_cpu_us_per_run=%.1f",
                projector.cpu().processMicrosPer(runs), baseline.cpu().processMicrosPer(baselineSample));
        OptionalLong perRun = projector.cpu().machineMicrosPer(runs);
        OptionalLong baselinePerRun = baseline.cpu().machineMicrosPer(baselineSample);
        if (perRun.isEmpty() || baselinePerRun.isEmpty()) {
            return jvm;
        }
        return String.format(Locale.ROOT, " cpu_us_per_run=%d baseline_cpu_us_per_run=%d cpu_ratio=%.1f%s",
                perRun.getAsLong(), baselinePerRun.getAsLong(),
                (double) baselinePerRun.getAsLong() / Math.max(1, perRun.getAsLong()), jvm);
    }

    private Measured measureProjector(String bootstrap, PostgresEndpoint database) throws Exception {
        try (HikariDataSource dataSource = ConnectionPools.open(database, "bench-projector", 4)) {
            ReadModelMigrations.migrate(dataSource);
            Jdbi jdbi = ReadModelJdbi.create(dataSource);
            String group = "bench-projector";
            try (ProjectorLag lag = new ProjectorLag(bootstrap, jdbi, group)) {
                long began = System.nanoTime();
                CpuClock.Reading cpu = CpuClock.now();
                try (Projector projector = new Projector(new Projector.Settings(bootstrap, group, null), jdbi)) {
                    projector.start();
                    long lastReport = System.nanoTime();
                    for (long behind = lag.records(); behind > 0; behind = lag.records()) {
                        if (System.nanoTime() - lastReport > 5_000_000_000L) {
                            System.err.printf("projector: %,d records to go after %.1f s%n", behind, seconds(began));
                            lastReport = System.nanoTime();
                        }
                        // Polled, not busy-waited: the check must not take a core from the projector.
                        Thread.sleep(200);
                    }
                    double seconds = seconds(began);
                    CpuClock.Reading spent = CpuClock.now().since(cpu);
                    long stored = jdbi.withHandle(h -> h.createQuery("select count(*) from taskmon.task_runs")
                            .mapTo(Long.class).one());
                    if (stored != runs) {
                        throw new IllegalStateException("expected " + runs + " runs in task_runs, found " + stored);
                    }
                    return new Measured(seconds, spent);
                }
            }
        }
    }

    /**
     * The per-request pattern: every run its own transaction of a monitor upsert and a run
     * insert. It writes new runs of the same monitors into the tables the projector has just
     * filled, so both write into a history of the same size.
     */
    private Measured measureBaseline(PostgresEndpoint database) throws Exception {
        Random random = new Random(43);
        List<TaskRunReported> sample = new ArrayList<>();
        for (int i = 0; i < baselineSample; i++) {
            sample.add(runEvent(runs + i, random));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(BASELINE_THREADS);
        long began = System.nanoTime();
        CpuClock.Reading cpu = CpuClock.now();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < BASELINE_THREADS; t++) {
            workers.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                        database.password())) {
                    connection.setAutoCommit(false);
                    try (PreparedStatement upsert = connection.prepareStatement(BASELINE_UPSERT_MONITOR);
                         PreparedStatement insert = connection.prepareStatement(BASELINE_INSERT_RUN)) {
                        for (int i = next.getAndIncrement(); i < sample.size(); i = next.getAndIncrement()) {
                            writePerRequest(connection, upsert, insert, sample.get(i));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = seconds(began);
        CpuClock.Reading spent = CpuClock.now().since(cpu);
        pool.shutdown();
        return new Measured(seconds, spent);
    }

    private static final String BASELINE_UPSERT_MONITOR = """
            insert into taskmon.task_monitors (id, task_key, task_name, kind, machine_name, last_status, last_event_id,
                   last_run_id, last_started_at, last_finished_at, last_duration_ms, last_exit_code, last_message,
                   last_reported_at, total_runs)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            on conflict (id) do update set task_name = excluded.task_name, last_status = excluded.last_status,
                   last_event_id = excluded.last_event_id, last_run_id = excluded.last_run_id,
                   last_started_at = excluded.last_started_at, last_finished_at = excluded.last_finished_at,
                   last_duration_ms = excluded.last_duration_ms, last_exit_code = excluded.last_exit_code,
                   last_message = excluded.last_message, last_reported_at = excluded.last_reported_at,
                   total_runs = task_monitors.total_runs + 1, updated_at = now()
            """;

    private static final String BASELINE_INSERT_RUN = """
            insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, machine_name, status,
                   started_at, finished_at, duration_ms, exit_code, message, received_at, raw, records_processed,
                   records_failed, attempt_count, max_attempts, labels)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, cast(? as jsonb))
            """;

    private static void writePerRequest(Connection connection, PreparedStatement upsert, PreparedStatement insert,
                                        TaskRunReported run) throws SQLException {
        int i = 1;
        upsert.setObject(i++, run.monitorId());
        upsert.setString(i++, run.taskKey());
        upsert.setString(i++, run.taskName());
        upsert.setString(i++, run.kind());
        upsert.setString(i++, run.machineName());
        upsert.setString(i++, run.status().wireName());
        upsert.setObject(i++, run.eventId());
        upsert.setString(i++, run.runId());
        upsert.setTimestamp(i++, Timestamp.from(run.startedAt()));
        upsert.setTimestamp(i++, Timestamp.from(run.finishedAt()));
        upsert.setLong(i++, run.durationMs());
        upsert.setInt(i++, run.exitCode());
        upsert.setString(i++, run.message());
        upsert.setTimestamp(i, Timestamp.from(run.receivedAt()));
        upsert.executeUpdate();
        i = 1;
        insert.setObject(i++, run.monitorId());
        insert.setString(i++, run.runId());
        insert.setObject(i++, run.eventId());
        insert.setString(i++, run.taskKey());
        insert.setString(i++, run.kind());
        insert.setString(i++, run.machineName());
        insert.setString(i++, run.status().wireName());
        insert.setTimestamp(i++, Timestamp.from(run.startedAt()));
        insert.setTimestamp(i++, Timestamp.from(run.finishedAt()));
        insert.setLong(i++, run.durationMs());
        insert.setInt(i++, run.exitCode());
        insert.setString(i++, run.message());
        insert.setTimestamp(i++, Timestamp.from(run.receivedAt()));
        insert.setString(i++, new String(Topics.TASK_RUNS.valueSerde().serializer().serialize("", run),
                StandardCharsets.UTF_8));
        insert.setLong(i++, run.recordsProcessed());
        insert.setLong(i++, run.recordsFailed());
        insert.setInt(i++, run.attempt());
        insert.setInt(i++, run.maxAttempts());
        insert.setString(i, "{\"county\":\"Taipei\"}");
        insert.executeUpdate();
        connection.commit();
    }

    private static PostgresEndpoint database(PostgresEndpoint server, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return server.withDatabase(name);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}

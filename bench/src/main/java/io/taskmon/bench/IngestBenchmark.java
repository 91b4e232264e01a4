package io.taskmon.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.Settings;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.EmbeddedPostgresServer;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.Topics;
import io.taskmon.gateway.GatewaySettings;
import io.taskmon.standalone.StandaloneSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./taskmon bench ingest}: the gateway's throughput and latency over loopback HTTP, in
 * one JVM with an embedded broker, against a labelled baseline measured in the same run.
 *
 * <p>Modes, each for a fixed time split over three interleaved rounds: single reports as fast
 * as {@code connections} keep-alive connections go (closed loop); single reports at a fixed rate (p99 counted from when each was
 * due); batches of {@code batchSize} on the batch endpoint; and the BASELINE, a per-request
 * direct-database handler ({@link DirectDatabaseBaseline}: upsert the monitor's latest row and
 * insert a history row per request, the TC Portal shape) in the same HTTP server, driven by the
 * same generator. Every gateway phase sends the same {@code monitors} distinct monitors.
 *
 * <p>Each side is driven at the concurrency where it peaks, so the ratio compares capacities,
 * not client counts. The gateway answers once Kafka has the report (linger plus the broker's
 * acknowledgement, about 3 ms), so a closed loop of 128 connections leaves it partly idle: it
 * went from about 31,000/s at 128 connections to 41,000/s at 256 and 43,000/s at 512 (p50
 * 10 ms). The baseline peaks early, bound by PostgreSQL: about 7,300/s at 64 and 128
 * connections, 6,800/s at 256 and 6,200/s at 512. Hence 256 and 128.
 *
 * <p>{@code in_topic} is counted back from Kafka (end offsets of the topic, which only the
 * gateway writes) and must cover every accepted report.
 *
 * <p>Sizes come from system properties or environment variables (for a quick run, e.g.
 * {@code TASKMON_BENCH_SECONDS=3}): taskmon.bench.seconds (15), .connections (256),
 * .baseline-connections (128), .monitors (10000), .rate (5000), .batch-size (1000), .batch-connections (4).
 */
public final class IngestBenchmark {

    private static final String KEY = "bench-key";
    private static final int ROUNDS = 3;
    private static final int WARM_UP_PASSES = 2;
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");

    private final Duration phase = Duration.ofSeconds(setting("seconds", 15));
    private final int connections = setting("connections", 256);
    private final int baselineConnections = setting("baseline-connections", 128);
    private final int monitors = setting("monitors", 10_000);
    private final int rate = setting("rate", 5_000);
    private final int batchSize = setting("batch-size", 1_000);
    private final int batchConnections = setting("batch-connections", 4);

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        new IngestBenchmark().run(Files.createTempDirectory(Files.createDirectories(base), "ingest-"));
        // Kafka's and Netty's threads are stopped above; nothing else should keep the JVM up.
        System.exit(0);
    }

    private void run(Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"));
             HikariDataSource baselinePool = ConnectionPools.open(postgres.endpoint(), "baseline", 8)) {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), Topics.ALL, StandaloneSettings.DEFAULT_PARTITIONS);
            try (Connection connection = baselinePool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(DirectDatabaseBaseline.SCHEMA);
            }
            try (ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of(
                            "micronaut.server.host", "127.0.0.1",
                            "micronaut.server.port", -1,
                            // As `./taskmon up` runs it.
                            "micronaut.server.netty.worker.threads", StandaloneSettings.defaultHttpThreads(),
                            "taskmon.bench.baseline", "true"))
                    .singletons(new DirectDatabaseBaseline.BaselineDatabase(baselinePool),
                            GatewaySettings.read(new Settings(Map.of(
                                    "TASKMON_INGEST_KEYS", KEY,
                                    // The benchmark measures the gateway, not its per-key limit.
                                    "TASKMON_INGEST_RATE_LIMIT", "1000000000",
                                    "TASKMON_INGEST_BURST", Integer.toString(Integer.MAX_VALUE)), warning -> { }),
                                    broker.bootstrapServers()))
                    .start();
                 KafkaConsumer<byte[], byte[]> offsets = new KafkaConsumer<>(Map.of(
                         ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                         new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                EmbeddedServer server = context.getBean(EmbeddedServer.class);
                server.start();
                measure(new InetSocketAddress("127.0.0.1", server.getPort()), offsets);
            }
        }
    }

    private void measure(InetSocketAddress address, KafkaConsumer<byte[], byte[]> offsets) {
        System.out.printf("ingest benchmark: %d s a phase, %d connections (baseline %d), %d monitors, %d/s fixed rate,"
                        + " batches of %d on %d connections, %d cores%n", phase.toSeconds(), connections,
                baselineConnections, monitors, rate, batchSize, batchConnections,
                Runtime.getRuntime().availableProcessors());
        byte[][] singles = new byte[monitors][];
        byte[][] baselineSingles = new byte[monitors][];
        for (int i = 0; i < monitors; i++) {
            String body = report(i);
            singles[i] = request("/api/monitor/report", "application/json", body);
            baselineSingles[i] = request("/bench/baseline/report", "application/json", body);
        }
        int batchBodies = Math.max(1, Math.min(64, monitors / batchSize));
        byte[][] batches = new byte[batchBodies][];
        for (int b = 0; b < batchBodies; b++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < batchSize; i++) {
                ndjson.append(report((b * batchSize + i) % monitors)).append('\n');
            }
            batches[b] = request("/api/monitor/reports", "application/x-ndjson", ndjson.toString());
        }

        HttpLoad single = new HttpLoad(address, seq -> singles[(int) (seq % monitors)], IngestBenchmark::acceptedOne);
        HttpLoad batch = new HttpLoad(address, seq -> batches[(int) (seq % batchBodies)], IngestBenchmark::acceptedMany);
        HttpLoad baseline = new HttpLoad(address, seq -> baselineSingles[(int) (seq % monitors)],
                IngestBenchmark::acceptedOne);

        // Two passes over every mode: the JIT compiler was still busy with a fifth of the CPU in
        // the first measured round after one pass, and switching modes alone triggers recompiles.
        Duration warmUp = Duration.ofSeconds(Math.max(2, phase.toSeconds() / 3));
        for (int pass = 1; pass <= WARM_UP_PASSES; pass++) {
            print("warm-up single", single.closedLoop(connections, warmUp));
            print("warm-up batch", batch.closedLoop(batchConnections, warmUp));
            print("warm-up baseline", baseline.closedLoop(baselineConnections, warmUp));
        }

        // The load of a shared machine drifts; rounds of short phases, each mode in every round,
        // expose the gateway and the baseline to the same drift, so their ratio holds.
        Duration slice = phase.dividedBy(ROUNDS);
        long topicBefore = endOffsets(offsets);
        HttpLoad.Result singleResult = null;
        HttpLoad.Result fixedResult = null;
        HttpLoad.Result batchResult = null;
        HttpLoad.Result baselineResult = null;
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("round %d of %d%n", round, ROUNDS);
            singleResult = add(singleResult, print("  single (closed loop)", single.closedLoop(connections, slice)));
            baselineResult = add(baselineResult, print("  BASELINE direct database", baseline.closedLoop(baselineConnections, slice)));
            batchResult = add(batchResult, print("  batch (closed loop)", batch.closedLoop(batchConnections, slice)));
            fixedResult = add(fixedResult, print("  single at " + rate + "/s", single.fixedRate(connections, slice, rate)));
        }
        long inTopic = endOffsets(offsets) - topicBefore;
        System.out.println("all rounds");
        print("single (closed loop)", singleResult);
        print("single at " + rate + "/s", fixedResult);
        print("batch (closed loop)", batchResult);
        print("BASELINE direct database", baselineResult);

        long accepted = singleResult.reports() + fixedResult.reports() + batchResult.reports();
        double baselinePerSecond = baselineResult.reportsPerSecond();
        System.out.printf("accepted %d reports, %d in the topic%s%n", accepted, inTopic,
                inTopic >= accepted ? "" : " -- MISSING " + (accepted - inTopic));
        System.out.printf(Locale.ROOT, "RESULT name=ingest reports_per_s=%.0f p50_ms=%.2f p99_ms=%.2f accepted=%d"
                        + " in_topic=%d batch_reports_per_s=%.0f baseline_per_s=%.0f ratio_single=%.1f ratio_batch=%.1f"
                        + " rate_per_s=%d p50_ms_at_rate=%.2f p99_ms_at_rate=%.2f baseline_p99_ms=%.2f%n",
                singleResult.reportsPerSecond(), singleResult.latencyMillis(50),
                singleResult.latencyMillis(99), accepted, inTopic, batchResult.reportsPerSecond(),
                baselinePerSecond, singleResult.reportsPerSecond() / baselinePerSecond,
                batchResult.reportsPerSecond() / baselinePerSecond, rate,
                fixedResult.latencyMillis(50), fixedResult.latencyMillis(99),
                baselineResult.latencyMillis(99));
    }

    /** A TC Portal sender's payload; monitors differ by task_key and machine_name. */
    private static String report(int monitor) {
        Instant finished = Instant.parse("2026-11-23T02:00:00Z").plusSeconds(monitor);
        boolean failed = monitor % 10 == 0;
        return ("{\"task_key\":\"bench_task_%05d\",\"task_name\":\"ベンチ取込 %d\",\"kind\":\"python\","
                + "\"status\":\"%s\",\"exit_code\":%d,\"message\":\"処理完了: %d件\",\"started_at\":\"%s\","
                + "\"finished_at\":\"%s\",\"duration_ms\":330000,\"machine_name\":\"PC-%02d\"}")
                .formatted(monitor / 4, monitor, failed ? "failed" : "success", failed ? 1 : 0, monitor,
                        finished.minusSeconds(330), finished, monitor % 4);
    }

    private static byte[] request(String path, String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nAuthorization: Bearer " + KEY + "\r\nContent-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    private static int acceptedOne(HttpLoad.Answer answer) {
        return answer.status() == 200 ? 1 : 0;
    }

    private static int acceptedMany(HttpLoad.Answer answer) {
        Matcher matcher = ACCEPTED.matcher(answer.body());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static long endOffsets(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TASK_RUNS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static HttpLoad.Result add(HttpLoad.Result sum, HttpLoad.Result next) {
        return sum == null ? next : sum.plus(next);
    }

    private static HttpLoad.Result print(String name, HttpLoad.Result result) {
        System.out.printf(Locale.ROOT, "%-26s %9.0f reports/s  %8d requests  %6d failed  p50 %7.2f ms  p99 %7.2f ms"
                        + "  JVM CPU %6.1f us/report%n",
                name, result.reportsPerSecond(), result.requests(), result.failed(),
                result.latencyMillis(50), result.latencyMillis(99),
                result.cpuMicrosPerReport());
        return result;
    }

    private static int setting(String name, int fallback) {
        String value = System.getProperty("taskmon.bench." + name);
        if (value == null) {
            value = System.getenv("TASKMON_BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed <= 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("taskmon.bench." + name + " must be a whole number above 0, got '" + value + "'");
        }
    }
}

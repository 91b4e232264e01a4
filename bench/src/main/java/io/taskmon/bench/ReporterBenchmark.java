package io.taskmon.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.Settings;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.Topics;
import io.taskmon.gateway.GatewaySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./taskmon bench reporter}: what {@code taskmon-report run ... -- true} adds to a job's
 * wall time, through the real launcher, against the real gateway on an embedded broker. Each
 * reporter run alternates with a run of {@code true} alone (the same-machine baseline), so load
 * from elsewhere on the machine hits both alike; the overhead is the difference of their medians.
 *
 * <ul>
 *   <li>up: the gateway answers; both the start signal and the finish are delivered.</li>
 *   <li>down: the gateway is stopped (connection refused); the reporter retries within its
 *       budget, then keeps the report in the spool. Must stay under the budget
 *       (TASKMON_REPORT_TIMEOUT, default 3 s).</li>
 *   <li>comparator, labelled plain_java: the same up run with {@code java -cp jar} and no
 *       launcher flags, to show what the launcher's JVM flags buy.</li>
 * </ul>
 *
 * Runs per case: {@code -Dtaskmon.bench.runs} or env {@code TASKMON_BENCH_RUNS} (default 20).
 */
public final class ReporterBenchmark {

    private static final String KEY = "bench-key";
    private static final String MAIN_CLASS = "io.taskmon.reporter.TaskmonReport";

    private final Path launcher;
    private final Path jar;
    private final Path dir;
    private final int runs;
    private final String budget;

    private ReporterBenchmark(Path launcher, Path jar, Path dir, int runs, String budget) {
        this.launcher = launcher;
        this.jar = jar;
        this.dir = dir;
        this.runs = runs;
        this.budget = budget;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("taskmon.bench.dir", "target/bench"))
                .toAbsolutePath().resolve("reporter"));
        Path root = Checkout.root();
        Path launcher = Path.of(System.getProperty("taskmon.reporter.launcher",
                root.resolve("reporter/bin/taskmon-report").toString()));
        Path jar = root.resolve("reporter/target/taskmon-report.jar");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("need " + launcher + " and " + jar + "; build with ./mvnw -DskipTests package");
        }
        String runs = System.getProperty("taskmon.bench.runs", System.getenv().getOrDefault("TASKMON_BENCH_RUNS", "20"));
        String budget = System.getenv().getOrDefault("TASKMON_REPORT_TIMEOUT", "3s");
        new ReporterBenchmark(launcher, jar, dir, Integer.parseInt(runs), budget).run();
    }

    private void run() throws Exception {
        int port = freePort();
        long boundMs = budgetMs(budget);
        System.out.printf("reporter overhead: %d runs per case, launcher %s, budget %d ms%n", runs, launcher, boundMs);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), Topics.ALL, 1);
            Case up;
            Case plainJava;
            try (ApplicationContext gateway = startGateway(broker.bootstrapServers(), port)) {
                List<String> viaLauncher = List.of(launcher.toString());
                List<String> plain = List.of(javaExecutable(), "-cp", jar.toString(), MAIN_CLASS);
                measure(viaLauncher, port, 3); // warm the page cache and the gateway's first requests
                up = measure(viaLauncher, port, runs);
                plainJava = measure(plain, port, runs);
            }
            Case down = measure(List.of(launcher.toString()), port, runs);
            print("up", up);
            print("up, plain java (comparator)", plainJava);
            print("down", down);
            System.out.printf("RESULT name=reporter overhead_up_ms=%d overhead_down_ms=%d bound_ms=%d"
                            + " overhead_up_plain_java_ms=%d true_ms=%d runs=%d%n",
                    up.overheadMs(), down.overheadMs(), boundMs, plainJava.overheadMs(), up.trueMs(), runs);
        }
    }

    /** Medians of the reporter around {@code true} and of {@code true} alone, measured alternately. */
    private record Case(List<Long> reporterMs, List<Long> trueAloneMs) {
        long overheadMs() {
            return median(reporterMs) - median(trueAloneMs);
        }

        long trueMs() {
            return median(trueAloneMs);
        }
    }

    private Case measure(List<String> reporter, int port, int count) throws Exception {
        List<Long> wrapped = new ArrayList<>();
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alone.add(timeMs(List.of("true"), Map.of(), false));
            List<String> command = new ArrayList<>(reporter);
            command.addAll(List.of("run", "--task-key", "bench_reporter", "--name", "reporter bench", "--", "true"));
            wrapped.add(timeMs(command, Map.of(
                    "TASKMON_URL", "http://127.0.0.1:" + port,
                    "TASKMON_KEY", KEY,
                    "TASKMON_SPOOL_DIR", dir.resolve("spool").toString(),
                    "TASKMON_REPORT_TIMEOUT", budget), true));
        }
        return new Case(wrapped, alone);
    }

    /** Wall time from start to exit; the reporter must exit 0, as {@code true} does. */
    private long timeMs(List<String> command, Map<String, String> env, boolean reporter) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(reporter ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        long began = System.nanoTime();
        Process process = builder.start();
        String stderr = reporter ? new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 60 s");
        }
        long elapsed = (System.nanoTime() - began) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue() + ": " + stderr);
        }
        return elapsed;
    }

    private static ApplicationContext startGateway(String bootstrap, int port) {
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.server.host", "127.0.0.1",
                        "micronaut.server.port", port))
                .singletons(GatewaySettings.read(new Settings(Map.of("TASKMON_INGEST_KEYS", KEY), warning -> { }),
                        bootstrap))
                .start();
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    private static void print(String label, Case measured) {
        System.out.printf("%-28s reporter median %5d ms, true alone median %4d ms, overhead %5d ms (reporter runs: %s)%n",
                label, median(measured.reporterMs()), measured.trueMs(), measured.overheadMs(), measured.reporterMs());
    }

    private static long budgetMs(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Math.round(Double.parseDouble(t.substring(0, t.length() - 2).trim()));
        }
        return Math.round(Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1).trim() : t) * 1000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

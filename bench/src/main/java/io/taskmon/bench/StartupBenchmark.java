package io.taskmon.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./taskmon bench startup}: runs the standalone jar as {@code ./taskmon up} does, each
 * time in a new JVM, and measures the time from process start to the ready line on a new
 * TASKMON_HOME (cold) and on the same home again (warm), the time from a report's 200 to its
 * rows in both {@code task_runs} and {@code task_monitors}, and the time to stop on SIGTERM.
 * The build check of the script is not included. Prints one line per start and a closing
 * RESULT line of medians.
 */
public final class StartupBenchmark {

    private static final int RUNS = 3;
    private static final int REPORTS_PER_START = 5;
    private static final String KEY = "bench-key";
    private static final long POLL_MS = 5;
    private static final Pattern READY = Pattern.compile("taskmon ready in .*: (http://\\S+) .* postgres: (\\S+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path jar;

    private StartupBenchmark(Path jar) {
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        new StartupBenchmark(Checkout.standaloneJar()).run(base);
    }

    private record Start(long readyMs, long firstReportMs, List<Long> laterReportsMs, long stopMs) {
    }

    private void run(Path base) throws Exception {
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        List<Long> firstReport = new ArrayList<>();
        List<Long> laterReports = new ArrayList<>();
        List<Long> stop = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            Path home = Files.createTempDirectory(Files.createDirectories(base), "startup-");
            for (String kind : List.of("cold", "warm")) {
                Start start = startMeasureStop(home);
                (kind.equals("cold") ? cold : warm).add(start.readyMs());
                firstReport.add(start.firstReportMs());
                laterReports.addAll(start.laterReportsMs());
                stop.add(start.stopMs());
                System.out.printf("run %d %s: ready %d ms, report to rows first %d ms then %s ms, stop %d ms%n",
                        run, kind, start.readyMs(), start.firstReportMs(), start.laterReportsMs(), start.stopMs());
            }
        }
        System.out.printf("RESULT name=startup cold_ready_ms=%d warm_ready_ms=%d first_report_to_rows_ms=%d"
                        + " report_to_rows_ms=%d stop_ms=%d runs=%d%n",
                median(cold), median(warm), median(firstReport), median(laterReports), median(stop), RUNS);
    }

    private Start startMeasureStop(Path home) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx2g", "-jar", jar.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TASKMON_HOME", home.toString());
        builder.environment().put("TASKMON_HTTP_HOST", "127.0.0.1");
        builder.environment().put("TASKMON_HTTP_PORT", "0");
        builder.environment().put("TASKMON_INGEST_KEYS", KEY);
        long began = System.nanoTime();
        Process process = builder.start();
        try {
            Matcher ready = awaitReadyLine(process);
            long readyMs = (System.nanoTime() - began) / 1_000_000;
            URI baseUrl = URI.create(ready.group(1));
            List<Long> reports = new ArrayList<>();
            for (int i = 0; i < REPORTS_PER_START; i++) {
                reports.add(reportToRowsMs(baseUrl, ready.group(2), "bench-" + i));
            }
            long stopping = System.nanoTime();
            process.destroy(); // SIGTERM, as a service manager or Ctrl-C would stop it
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("taskmon did not stop within 60 s of SIGTERM");
            }
            long stopMs = (System.nanoTime() - stopping) / 1_000_000;
            return new Start(readyMs, reports.get(0), reports.subList(1, reports.size()), stopMs);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Matcher awaitReadyLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                return ready;
            }
        }
        throw new IllegalStateException("taskmon exited with " + process.waitFor() + " before it was ready");
    }

    /** From sending the report to both of its rows being readable in PostgreSQL. */
    private long reportToRowsMs(URI baseUrl, String jdbcUrl, String taskKey) throws Exception {
        UUID eventId = UUID.randomUUID();
        String body = """
                {"task_key":"%s","task_name":"bench","kind":"shell","status":"success","event_id":"%s"}"""
                .formatted(taskKey, eventId);
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement both = connection.prepareStatement("""
                     select count(*) from taskmon.task_runs r
                       join taskmon.task_monitors m on m.id = r.monitor_id and m.last_event_id = r.event_id
                      where r.event_id = ?""")) {
            both.setObject(1, eventId);
            long began = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(baseUrl.resolve("/api/monitor/report"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("report refused: " + answer.statusCode() + " " + answer.body());
            }
            long deadline = began + Duration.ofSeconds(60).toNanos();
            while (!landed(both)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("report " + eventId + " not in PostgreSQL after 60 s");
                }
                // Polling back to back would steal a core from the pipeline being measured.
                Thread.sleep(POLL_MS);
            }
            return (System.nanoTime() - began) / 1_000_000;
        }
    }

    private static boolean landed(PreparedStatement both) throws SQLException {
        try (ResultSet rs = both.executeQuery()) {
            return rs.next() && rs.getLong(1) == 1;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.etl.load.EtlMigrations;
import io.taskmon.etl.load.RunConnections;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code etl load --schedule} end to end on the real PostgreSQL and broker, by a clock the test
 * moves: runs start at their times and not before, and times missed while a run was still going
 * are skipped, not caught up. The source is served over HTTP and each answer waits for the test,
 * so the test decides how long a run takes.
 */
class ScheduledLoadTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EtlHarness harness;
    private static HttpServer server;
    private static Path file;
    private static TaxRegistrationGenerator.Counts counts;
    private static final AtomicInteger requests = new AtomicInteger();
    /** One permit lets one request be answered. */
    private static final Semaphore answers = new Semaphore(0);

    @BeforeAll
    static void start() throws Exception {
        harness = new EtlHarness("etl_schedule");
        // The schema exists before the first run, so that "no run yet" is a count of zero.
        try (RunConnections connections = new RunConnections(harness.postgres)) {
            EtlMigrations.migrate(connections.take(), connections.dataSource());
        }
        file = harness.dir.resolve("scheduled.csv");
        counts = harness.generateCounted(file, 3_000, 11, 0.03);
        server = EtlHarness.serveDataCsv(ScheduledLoadTest::answer);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        harness.close();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            if (!answers.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream body = exchange.getResponseBody()) {
            Files.copy(file, body);
        }
    }

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), TAIPEI);
    }

    private static long runs(String status) {
        return harness.count("select count(*) from etl.job_runs where status = '" + status + "'");
    }

    @Test
    void scheduledRunsStartAtTheirTimesAndTimesMissedDuringALongRunAreNotCaughtUp() throws Exception {
        ManualClock clock = new ManualClock(at("2026-03-02T01:59:30"));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data.csv";
        AtomicReference<EtlHarness.Run> result = new AtomicReference<>();
        Thread schedule = new Thread(() -> result.set(harness.etl(clock, "load", "--source", url, "--yes",
                "--no-progress", "--schedule", "*/10 * * * *")), "scheduled-etl");
        schedule.start();
        try {
            // Nothing runs before its time: at 01:59:59 the loop has looked again and still waits.
            await().atMost(WAIT).until(() -> at("2026-03-02T02:00:00").equals(clock.waitingFor()));
            long looks = clock.looks();
            clock.set(at("2026-03-02T01:59:59"));
            await().atMost(WAIT).until(() -> clock.looks() > looks);
            assertThat(clock.waitingFor()).isEqualTo(at("2026-03-02T02:00:00"));
            assertThat(requests.get()).isZero();
            assertThat(harness.count("select count(*) from etl.job_runs")).isZero();

            // 02:00: the run starts; it is still reading its source at 02:24, past 02:10 and 02:20.
            clock.set(at("2026-03-02T02:00:00"));
            await().atMost(WAIT).until(() -> requests.get() == 1);
            assertThat(runs("running")).isEqualTo(1);
            clock.set(at("2026-03-02T02:24:00"));
            answers.release();

            // It ends and the next run is the next time still ahead: 02:30, not 02:10 or 02:20.
            await().atMost(WAIT).until(() -> at("2026-03-02T02:30:00").equals(clock.waitingFor()));
            assertThat(runs("success")).isEqualTo(1);
            assertThat(requests.get()).isEqualTo(1);
            assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());

            // 02:30: the second run, a full reload with the same result, then it waits for 02:40.
            clock.set(at("2026-03-02T02:30:00"));
            await().atMost(WAIT).until(() -> requests.get() == 2);
            answers.release();
            await().atMost(WAIT).until(() -> at("2026-03-02T02:40:00").equals(clock.waitingFor()));
            assertThat(runs("success")).isEqualTo(2);
            assertThat(harness.count("select count(*) from etl.job_runs")).isEqualTo(2);
            assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        } finally {
            // Stopping the schedule (Ctrl-C, a service stop) interrupts its wait.
            schedule.interrupt();
            schedule.join(WAIT.toMillis());
        }

        assertThat(schedule.isAlive()).isFalse();
        EtlHarness.Run run = result.get();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsSubsequence(
                "next run at 2026-03-02T02:00+08:00[Asia/Taipei]",
                "next run at 2026-03-02T02:30+08:00[Asia/Taipei]",
                "next run at 2026-03-02T02:40+08:00[Asia/Taipei]");
        assertThat(run.out()).containsSubsequence("Status:       success", "Status:       success");
        List<String> logged = Files.readAllLines(harness.dir.resolve("etl.jsonl")).stream()
                .filter(line -> line.contains("\"event\":\"schedule_waiting\"") || line.contains("\"event\":\"job_started\""))
                .map(line -> line.contains("schedule_waiting") ? line.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1")
                        : "job_started")
                .toList();
        assertThat(logged).containsExactly("next run at 2026-03-02T02:00+08:00[Asia/Taipei]", "job_started",
                "next run at 2026-03-02T02:30+08:00[Asia/Taipei]", "job_started",
                "next run at 2026-03-02T02:40+08:00[Asia/Taipei]");
    }
}

package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code etl load --schedule --timezone --grace} on the real PostgreSQL and broker, by a clock the
 * test moves: each scheduled run reports itself on the runs topic as a run of its monitor, with
 * the schedule as its {@code monitor_config}, so that a run that never starts is MISSED.
 */
class ScheduledRunReportTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EtlHarness harness;
    private static HttpServer server;
    private static Path file;
    private static TaxRegistrationGenerator.Counts counts;
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        harness = new EtlHarness("etl_schedule_report");
        file = harness.dir.resolve("scheduled.csv");
        counts = harness.generateCounted(file, 2_000, 13, 0.02);
        server = EtlHarness.serveDataCsv(ScheduledRunReportTest::answer);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        harness.close();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream body = exchange.getResponseBody()) {
            Files.copy(file, body);
        }
    }

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), TAIPEI);
    }

    @Test
    void aScheduledRunReportsItsStartAndItsEndWithTheScheduleAsItsMonitorsConfig() throws Exception {
        String machine = "etl-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(harness.env());
        env.put("HOSTNAME", machine);
        ManualClock clock = new ManualClock(at("2026-03-03T01:59:30"));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data.csv";
        AtomicReference<EtlHarness.Run> result = new AtomicReference<>();
        Thread schedule = new Thread(() -> result.set(harness.etl(env, "", clock, "load", "--source", url, "--yes",
                "--no-progress", "--schedule", "0 2 * * *", "--timezone", "Asia/Taipei", "--grace", "900")),
                "scheduled-etl");
        schedule.start();
        try {
            await().atMost(WAIT).until(() -> at("2026-03-03T02:00:00").equals(clock.waitingFor()));
            clock.set(at("2026-03-03T02:00:00"));
            await().atMost(WAIT).until(() -> at("2026-03-04T02:00:00").equals(clock.waitingFor()));
            assertThat(requests.get()).isEqualTo(1);
        } finally {
            schedule.interrupt();
            schedule.join(WAIT.toMillis());
        }
        assertThat(result.get().exitCode()).as(result.get().err()).isZero();

        List<TaskRunReported> reports = ProgressEvents.runReportsOf(MonitorId.of("tax-registration", "etl", machine));
        MonitorConfig config = new MonitorConfig("0 2 * * *", "Asia/Taipei", null, 900L, null, null, null, null);
        assertThat(reports).extracting(TaskRunReported::status, TaskRunReported::taskKey, TaskRunReported::kind,
                        TaskRunReported::machineName, TaskRunReported::monitorConfig)
                .containsExactly(tuple(RunStatus.RUNNING, "tax-registration", "etl", machine, config),
                        tuple(RunStatus.SUCCESS, "tax-registration", "etl", machine, config));
        assertThat(reports.get(0).runId()).isEqualTo(reports.get(1).runId());
        assertThat(reports.get(1).recordsProcessed()).isEqualTo(counts.valid());
        assertThat(reports.get(1).startedAt()).isEqualTo(reports.get(0).startedAt());
        assertThat(reports.get(1).finishedAt()).isAfterOrEqualTo(reports.get(1).startedAt());
    }
}

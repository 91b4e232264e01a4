package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the gateway cannot take a report, the command goes on as if nothing happened, the report
 * waits in the spool, and the next run delivers it exactly once.
 */
class SpoolDeliveryTest {

    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([0-9a-f-]{36})\"");
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\":\"([0-9a-f-]{36})\"");

    private static RunsTopic topic;

    @TempDir
    Path work;

    @BeforeAll
    static void readTopic() {
        topic = new RunsTopic();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    private Path spool() {
        return work.resolve("spool");
    }

    private static String taskKey(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldKeepTheReportWhileTheGatewayIsStoppedAndDeliverItExactlyOnceWhenItIsBack() throws IOException {
        String taskKey = taskKey("outage");
        try (TestGateway gateway = TestGateway.started()) {
            gateway.stop();

            ReporterProcess.Result down = ReporterProcess.against(gateway, spool())
                    .env("TASKMON_REPORT_TIMEOUT", "1500ms")
                    .run("run", "--task-key", taskKey, "--name", "障害中", "--", "sh", "-c", "echo command done; exit 3");

            assertThat(down.exitCode()).isEqualTo(3);
            assertThat(down.stdout()).isEqualTo("command done\n");
            List<Path> kept = pending();
            assertThat(kept).hasSize(1);
            assertThat(down.stderr()).isEqualTo("taskmon-report: the gateway at " + gateway.url()
                    + "/api/monitor/report could not take the report (cannot connect (Connection refused)); it is kept in "
                    + kept.get(0) + " and sent on the next run\n");
            String keptJson = Files.readString(kept.get(0), StandardCharsets.UTF_8);
            UUID keptEventId = UUID.fromString(group(EVENT_ID, keptJson));
            String keptRunId = group(RUN_ID, keptJson);
            assertThat(keptJson).contains("\"status\":\"failed\"", "\"exit_code\":3");

            gateway.start();
            // A generous budget: a gateway just restarted on a busy machine may answer its
            // first requests slowly, and this test is about order and counts, not speed.
            ReporterProcess.Result back = ReporterProcess.against(gateway, spool())
                    .env("TASKMON_REPORT_TIMEOUT", "20s")
                    .run("run", "--task-key", taskKey, "--name", "障害中", "--", "sh", "-c", "echo next run");

            assertThat(back.exitCode()).isZero();
            assertThat(back.stderr()).isEmpty();
            assertThat(pending()).isEmpty();
            List<TaskRunReported> runs = topic.awaitRuns(taskKey, r -> RunsTopic.finishes(r).size() == 2);
            // Oldest first: the kept finish, then the new run's start signal and its finish.
            assertThat(runs).extracting(TaskRunReported::status)
                    .containsExactly(RunStatus.FAILED, RunStatus.RUNNING, RunStatus.SUCCESS);
            TaskRunReported delivered = runs.get(0);
            assertThat(delivered.eventId()).isEqualTo(keptEventId);
            assertThat(delivered.runId()).isEqualTo(keptRunId);
            assertThat(delivered.exitCode()).isEqualTo(3);
            assertThat(delivered.taskName()).isEqualTo("障害中");
            // The start signal of the run during the outage was not kept: the finish carries its start.
            assertThat(runs).filteredOn(r -> r.runId().equals(keptRunId)).hasSize(1);
            assertThat(delivered.startedAt()).isNotNull();
            assertThat(topic.runsNow(taskKey)).filteredOn(r -> r.eventId().equals(keptEventId)).hasSize(1);
        }
    }

    @Test
    void shouldKeepTheReportWhenTheGatewayAnswers503AndSendItLater() throws IOException {
        String taskKey = taskKey("busy");
        try (TestGateway noBroker = TestGateway.started(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + deadPort(),
                "TASKMON_DELIVERY_TIMEOUT", "2s"))) {
            // Longer than the gateway's 2 s delivery timeout, shorter than its Retry-After of 5 s:
            // one 503, then kept at once.
            ReporterProcess.Result busy = ReporterProcess.against(noBroker, spool())
                    .env("TASKMON_REPORT_TIMEOUT", "6s")
                    .run("send", "--task-key", taskKey, "--name", "busy", "--status", "failed", "--exit-code", "1");

            assertThat(busy.exitCode()).isZero();
            assertThat(pending()).hasSize(1);
            assertThat(busy.stderr()).startsWith("taskmon-report: the gateway at " + noBroker.url()
                    + "/api/monitor/report could not take the report (503 Kafka is unavailable, so the report was not"
                    + " accepted; retry later); it is kept in ");
        }
        String keptEventId = group(EVENT_ID, Files.readString(pending().get(0), StandardCharsets.UTF_8));
        try (TestGateway gateway = TestGateway.started()) {
            ReporterProcess.Result sent = ReporterProcess.against(gateway, spool())
                    .run("send", "--task-key", taskKey, "--name", "busy", "--status", "success");
            assertThat(sent.exitCode()).isZero();
            assertThat(sent.stderr()).isEmpty();
        }
        assertThat(pending()).isEmpty();
        List<TaskRunReported> finishes = topic.awaitFinishes(taskKey, 2);
        assertThat(finishes.get(0).eventId()).hasToString(keptEventId);
        assertThat(finishes).extracting(TaskRunReported::status).containsExactly(RunStatus.FAILED, RunStatus.SUCCESS);
    }

    @Test
    void shouldSetARefusedKeptReportAsideWithANoteAndDeliverTheOthers() throws IOException {
        String taskKey = taskKey("refused");
        Files.createDirectories(spool());
        UUID badEventId = UUID.randomUUID();
        UUID goodEventId = UUID.randomUUID();
        Path bad = Files.writeString(spool().resolve("000000000000001-" + badEventId + ".json"), """
                {"task_key":"%s","task_name":"bad","kind":"Not A Slug","status":"failed","event_id":"%s"}"""
                .formatted(taskKey, badEventId));
        Files.writeString(spool().resolve("000000000000002-" + goodEventId + ".json"), """
                {"task_key":"%s","task_name":"good","kind":"shell","status":"failed","exit_code":9,"event_id":"%s"}"""
                .formatted(taskKey, goodEventId));

        try (TestGateway gateway = TestGateway.started()) {
            ReporterProcess.Result wrongKey = ReporterProcess.against(gateway, spool()).env("TASKMON_KEY", "stale-key")
                    .run("run", "--task-key", taskKey, "--name", "refused", "--", "true");
            assertThat(wrongKey.exitCode()).isZero();
            assertThat(wrongKey.stderr()).isEqualTo("taskmon-report: the gateway refused the report of " + taskKey
                    + " (401 Invalid or missing secret); it is not sent again\n");
            assertThat(pending()).hasSize(2); // a wrong key is not the kept reports' fault: they stay

            ReporterProcess.Result result = ReporterProcess.against(gateway, spool())
                    .run("run", "--task-key", taskKey, "--name", "refused", "--", "true");

            assertThat(result.exitCode()).isZero();
            Path aside = spool().resolve(Spool.REJECTED).resolve(bad.getFileName());
            assertThat(result.stderr()).isEqualTo("taskmon-report: the gateway refused a kept report (400 kind must be a"
                    + " lowercase slug such as python, bat, shell or etl (a letter, then letters, digits, '_' or '-', at"
                    + " most 32 characters)); it is moved to " + aside + " and not sent again\n");
            assertThat(pending()).isEmpty();
            assertThat(aside).exists();
            assertThat(Files.readString(aside.resolveSibling(bad.getFileName() + ".reason.txt")))
                    .startsWith("The gateway refused this report with 400: kind must be a lowercase slug");
        }
        // The kept report names no machine and the run names this one: two monitors, which may sit
        // on different partitions, so the topic gives no order between them. The gateway's
        // receive times do: the kept report went first.
        List<TaskRunReported> finishes = topic.awaitFinishes(taskKey, 2);
        assertThat(finishes).hasSize(2);
        TaskRunReported kept = finishes.stream().filter(r -> r.eventId().equals(goodEventId)).findFirst().orElseThrow();
        TaskRunReported run = finishes.stream().filter(r -> !r.eventId().equals(goodEventId)).findFirst().orElseThrow();
        assertThat(kept.exitCode()).isEqualTo(9);
        assertThat(kept.machineName()).isNull();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(kept.receivedAt()).isBeforeOrEqualTo(run.receivedAt());
        assertThat(topic.runsNow(taskKey)).noneMatch(r -> r.eventId().equals(badEventId));
    }

    @Test
    void shouldKeepTheReportWhenTheGatewayAcceptsTheConnectionButNeverAnswers() throws IOException {
        String taskKey = taskKey("silent");
        // A gateway hung mid-request: the connection is accepted, no answer ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ReporterProcess.Result result = ReporterProcess.withoutSettings()
                    .env("TASKMON_URL", "http://127.0.0.1:" + silent.getLocalPort())
                    .env("TASKMON_KEY", TestGateway.KEY)
                    .env("TASKMON_SPOOL_DIR", spool().toString())
                    // The budget includes the JVM's start, which a loaded machine can stretch past a
                    // second; 4 s leaves the read timeout, not the start, to end the wait.
                    .env("TASKMON_REPORT_TIMEOUT", "4s")
                    .run("send", "--task-key", taskKey, "--name", "silent", "--status", "failed");

            assertThat(result.exitCode()).isZero();
            List<Path> kept = pending();
            assertThat(kept).hasSize(1);
            assertThat(result.stderr()).isEqualTo("taskmon-report: the gateway at http://127.0.0.1:"
                    + silent.getLocalPort() + "/api/monitor/report could not take the report (no answer in time (Read"
                    + " timed out)); it is kept in " + kept.get(0) + " and sent on the next run\n");
            assertThat(Files.readString(kept.get(0), StandardCharsets.UTF_8))
                    .contains("\"task_key\":\"" + taskKey + "\"", "\"status\":\"failed\"");
        }
    }

    @Test
    void shouldWaitForASlowAnswerRatherThanSendAKeptReportTwice() throws IOException {
        String taskKey = taskKey("slow");
        UUID keptEventId = UUID.randomUUID();
        Files.createDirectories(spool());
        Path kept = Files.writeString(spool().resolve("000000000000001-" + keptEventId + ".json"), """
                {"task_key":"%s","task_name":"slow","kind":"shell","status":"failed","exit_code":4,"event_id":"%s"}"""
                .formatted(taskKey, keptEventId));

        // Every answer takes 2.5 s: longer than the half of the 4 s budget in which the start
        // phase may begin attempts, shorter than the whole budget an attempt may wait.
        try (TestGateway gateway = TestGateway.started();
             SlowProxy slow = new SlowProxy(gateway.port(), Duration.ofMillis(2500))) {
            ReporterProcess.Result result = ReporterProcess.withoutSettings()
                    .env("TASKMON_URL", slow.url())
                    .env("TASKMON_KEY", TestGateway.KEY)
                    .env("TASKMON_SPOOL_DIR", spool().toString())
                    .env("TASKMON_REPORT_TIMEOUT", "4s")
                    .run("run", "--task-key", taskKey, "--name", "slow", "--", "sh", "-c", "exit 0");

            assertThat(result.exitCode()).isZero();
            assertThat(kept).doesNotExist();
        } // the gateway is closed: whatever it accepted is on the topic now

        topic.awaitRuns(taskKey, runs -> runs.stream().anyMatch(r -> r.eventId().equals(keptEventId)));
        assertThat(topic.runsNow(taskKey)).filteredOn(r -> r.eventId().equals(keptEventId)).hasSize(1);
    }

    private List<Path> pending() throws IOException {
        if (!Files.isDirectory(spool())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

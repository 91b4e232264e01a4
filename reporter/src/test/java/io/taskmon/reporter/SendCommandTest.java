package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code taskmon-report send}, and the reporter's answer to its own wrong command lines. */
class SendCommandTest extends GatewayProcessTest {

    @Test
    void shouldSendOneReportWithEveryFieldAsGiven() {
        String taskKey = "daily_sync_" + UUID.randomUUID().toString().substring(0, 8);
        UUID eventId = UUID.randomUUID();

        ReporterProcess.Result result = reporter().run("send", "--task-key", taskKey, "--name", "日次同期",
                "--kind", "python", "--machine", "PC-7", "--status", "failed", "--exit-code", "2",
                "--message", "処理失敗: \"quoted\"\n2行目", "--started-at", "2026-01-22T09:00:00Z",
                "--finished-at", "2026-01-22T18:05:30+09:00", "--duration-ms", "330000",
                "--log-url", "C:\\Logs\\sync.log", "--event-id", eventId.toString(), "--run-id", "run-42");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEmpty();
        TaskRunReported run = topic.awaitFinishes(taskKey, 1).get(0);
        assertThat(run.eventId()).isEqualTo(eventId);
        assertThat(run.runId()).isEqualTo("run-42");
        assertThat(run.monitorId()).isEqualTo(MonitorId.of(taskKey, "python", "PC-7"));
        assertThat(run.taskName()).isEqualTo("日次同期");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.message()).isEqualTo("処理失敗: \"quoted\"\n2行目");
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-22T09:00:00Z"));
        assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-01-22T09:05:30Z"));
        assertThat(run.durationMs()).isEqualTo(330_000L);
        assertThat(run.logUrl()).isEqualTo("C:\\Logs\\sync.log");
    }

    @Test
    void shouldSendTheMachineNameFromComputerNameAndNoneWhenGivenEmpty() {
        String taskKey = "machines_" + UUID.randomUUID().toString().substring(0, 8);
        reporter().env("COMPUTERNAME", "WIN-PC-01")
                .run("send", "--task-key", taskKey, "--name", "n", "--status", "success");
        reporter().env("COMPUTERNAME", "WIN-PC-01")
                .run("send", "--task-key", taskKey, "--name", "n", "--status", "success", "--machine", "");

        List<TaskRunReported> runs = topic.awaitFinishes(taskKey, 2);
        // two monitors, so two partitions: no order between them
        assertThat(runs).extracting(TaskRunReported::machineName).containsExactlyInAnyOrder("WIN-PC-01", null);
    }

    @Test
    void shouldExitZeroWithOneLineWhenTheGatewayRefusesTheReport() {
        ReporterProcess.Result result = reporter().run("send", "--task-key", "has space", "--name", "n",
                "--status", "success");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEqualTo("taskmon-report: the gateway refused the report of has space (400"
                + " task_key must start with a letter or digit and contain only letters, digits, '_', '.', ':' or '-',"
                + " at most 128 characters); it is not sent again\n");
        assertThat(work.resolve("spool")).doesNotExist();
    }

    @Test
    void shouldAnswerAWrongCommandLineWithOneLineTheUsageAndExitCode2WithoutRunningAnything() {
        Path marker = work.resolve("ran");
        String[][] wrong = {
                {},
                {"launch"},
                {"run", "--task-key", "k", "--name", "n", "touch", marker.toString()},
                {"run", "--task-key", "k", "--name", "n", "--"},
                {"run", "--name", "n", "--", "touch", marker.toString()},
                {"run", "--task-key", "k", "--name", "n", "--colour", "red", "--", "touch", marker.toString()},
                {"run", "--task-key", "k", "--name", "n", "--url", "ftp://x", "--", "touch", marker.toString()},
                {"run", "--task-key", "k", "--task-key", "k2", "--name", "n", "--", "touch", marker.toString()},
                {"send", "--task-key", "k", "--name", "n", "--status", "done"},
                {"send", "--task-key", "k", "--name", "n", "--status", "success", "--exit-code", "one"},
                {"send", "--task-key", "k", "--name", "n", "--status", "success", "--duration-ms", "-1"},
                {"send", "--task-key", "k", "--name", "n", "--status", "success", "--started-at", "yesterday"},
                {"send", "--task-key", "k", "--name", "n", "--status", "success", "--event-id", "abc"},
                {"send", "--task-key", "k", "--name", "n", "--status"},
        };
        String[] sentences = {
                "say what to do: run or send",
                "unknown command 'launch'; use run or send",
                "run needs the command after --, e.g. run --task-key k --name n -- ./backup.sh",
                "run needs a command after --",
                "--task-key is required",
                "unknown option --colour for run",
                "--url must be an http:// or https:// URL, got 'ftp://x'",
                "--task-key is given twice",
                "--status must be success, failed or running, got 'done'",
                "--exit-code must be a whole number, got 'one'",
                "--duration-ms must be a whole number of 0 or more, got '-1'",
                "--started-at must be an ISO-8601 time such as 2026-01-22T09:00:00Z, got 'yesterday'",
                "--event-id must be a UUID, got 'abc'",
                "--status needs a value",
        };
        for (int i = 0; i < wrong.length; i++) {
            ReporterProcess.Result result = reporter().run(wrong[i]);
            assertThat(result.exitCode()).as(String.join(" ", wrong[i])).isEqualTo(2);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).isEqualTo("taskmon-report: " + sentences[i] + "\n" + CommandLine.USAGE + "\n");
        }
        assertThat(marker).doesNotExist();
        assertThat(work.resolve("spool")).doesNotExist();
    }

    @Test
    void shouldUseTheDefaultBudgetWithANoticeWhenTheTimeoutVariableIsWrongAndStillRunTheJob() {
        String taskKey = "bad_timeout_" + UUID.randomUUID().toString().substring(0, 8);
        ReporterProcess.Result result = reporter().env("TASKMON_REPORT_TIMEOUT", "soon")
                .run("run", "--task-key", taskKey, "--name", "n", "--", "sh", "-c", "exit 7");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stderr()).isEqualTo("taskmon-report: TASKMON_REPORT_TIMEOUT must be a whole number with a"
                + " unit such as 500ms, 3s or 1m, at most 1h, got 'soon'; using 3s\n");
        assertThat(topic.awaitFinishes(taskKey, 1).get(0).exitCode()).isEqualTo(7);
    }

    @Test
    void shouldPrintTheUsageOnHelp() {
        ReporterProcess.Result result = reporter().run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(CommandLine.USAGE + "\n");
    }
}

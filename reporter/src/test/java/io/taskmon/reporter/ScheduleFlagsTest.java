package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.taskmon.events.MonitorConfig;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schedule flags of run and send: the report's monitor_config, and wrong values as usage errors. */
class ScheduleFlagsTest extends GatewayProcessTest {

    private static String taskKey(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldSendEveryScheduleFlagAsTheReportsMonitorConfig() {
        String taskKey = taskKey("nightly");
        ReporterProcess.Result result = reporter().run("send", "--task-key", taskKey, "--name", "夜間取込",
                "--status", "success", "--cron", "0 2 * * *", "--timezone", "Asia/Taipei", "--grace", "600",
                "--max-runtime", "3600", "--min-runtime", "5", "--alert-after-failures", "2",
                "--recover-after-successes", "3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(topic.awaitFinishes(taskKey, 1)).extracting(TaskRunReported::monitorConfig)
                .containsExactly(new MonitorConfig("0 2 * * *", "Asia/Taipei", null, 600L, 3600L, 5L, 2, 3));
    }

    @Test
    void shouldPutTheIntervalOnTheStartSignalAndTheFinishOfAWrappedRun() {
        String taskKey = taskKey("every_minute");
        // A budget that a busy test machine cannot run out of: the report's contents are checked here, not its speed.
        ReporterProcess.Result result = reporter().env("TASKMON_REPORT_TIMEOUT", "1m").run("run", "--task-key", taskKey,
                "--name", "n", "--interval", "60", "--grace", "30", "--", "sh", "-c", "exit 0");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        List<TaskRunReported> runs = topic.awaitRuns(taskKey, all -> RunsTopic.finishes(all).size() == 1);
        assertThat(runs).extracting(TaskRunReported::status, TaskRunReported::monitorConfig).containsExactly(
                tuple(RunStatus.RUNNING,
                        new MonitorConfig(null, null, 60L, 30L, null, null, null, null)),
                tuple(RunStatus.SUCCESS,
                        new MonitorConfig(null, null, 60L, 30L, null, null, null, null)));
    }

    @Test
    void shouldSendNoMonitorConfigWithoutScheduleFlags() {
        String taskKey = taskKey("plain");
        reporter().run("send", "--task-key", taskKey, "--name", "n", "--status", "success");
        assertThat(topic.awaitFinishes(taskKey, 1).get(0).monitorConfig()).isNull();
    }

    @Test
    void shouldAnswerAWrongScheduleFlagWithTheGatewaysSentenceTheUsageAndExitCode2WithoutRunningTheCommand() {
        Path marker = work.resolve("ran");
        String[][] flags = {
                {"--cron", "0 2 * * *", "--interval", "60"},
                {"--cron", "0 2 * * * *"},
                {"--cron", " "},
                {"--cron", "0 2 * * *", "--timezone", "Mars/Olympus"},
                {"--timezone", "+08:00"},
                {"--interval", "5"},
                {"--interval", "hourly"},
                {"--interval", "60", "--grace", "-1"},
                {"--max-runtime", "0"},
                {"--min-runtime", "60", "--max-runtime", "60"},
                {"--alert-after-failures", "0"},
                {"--recover-after-successes", "101"},
                {"--recover-after-successes", "2.5"},
        };
        String[] sentences = {
                "--cron and --interval cannot go together: monitor_config must have either cron or interval_seconds,"
                        + " not both",
                "--cron (monitor_config.cron) must have 5 fields (minute hour day-of-month month day-of-week) such as"
                        + " '0 2 * * *', got 6",
                "--cron must not be empty",
                "--timezone (monitor_config.timezone) must be an IANA time zone such as UTC, Asia/Taipei or"
                        + " Europe/Berlin, got 'Mars/Olympus'",
                "--timezone (monitor_config.timezone) must be an IANA time zone such as UTC, Asia/Taipei or"
                        + " Europe/Berlin, got '+08:00'",
                "--interval (monitor_config.interval_seconds) must be a whole number from 10 to 31536000",
                "--interval must be a whole number of seconds, got 'hourly'",
                "--grace (monitor_config.grace_seconds) must be a whole number from 0 to 31536000",
                "--max-runtime (monitor_config.max_runtime_seconds) must be a whole number from 1 to 31536000",
                "--min-runtime (monitor_config.min_runtime_seconds) must be less than max_runtime_seconds",
                "--alert-after-failures (monitor_config.alert_after_failures) must be a whole number from 1 to 100",
                "--recover-after-successes (monitor_config.recover_after_successes) must be a whole number from 1 to"
                        + " 100",
                "--recover-after-successes must be a whole number, got '2.5'",
        };
        for (int i = 0; i < flags.length; i++) {
            for (String verb : new String[] {"run", "send"}) {
                List<String> args = new ArrayList<>(List.of(verb, "--task-key", "k", "--name", "n"));
                if (verb.equals("send")) {
                    args.addAll(List.of("--status", "success"));
                }
                args.addAll(List.of(flags[i]));
                if (verb.equals("run")) {
                    args.addAll(List.of("--", "touch", marker.toString()));
                }
                ReporterProcess.Result result = reporter().run(args.toArray(String[]::new));
                assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(TaskmonReport.USAGE_ERROR);
                assertThat(result.stdout()).isEmpty();
                assertThat(result.stderr()).as(String.join(" ", args))
                        .isEqualTo("taskmon-report: " + sentences[i] + "\n" + CommandLine.USAGE + "\n");
            }
        }
        assertThat(marker).doesNotExist();
        assertThat(work.resolve("spool")).doesNotExist();
    }

    @Test
    void shouldLeaveACronExpressionsOwnGrammarToTheGatewayAndSayWhatItAnswered() {
        String taskKey = taskKey("bad_hour");
        ReporterProcess.Result result = reporter().run("send", "--task-key", taskKey, "--name", "n",
                "--status", "success", "--cron", "0 25 * * *");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).startsWith("taskmon-report: the gateway refused the report of " + taskKey
                + " (400 monitor_config.cron is not a valid cron expression").endsWith("; it is not sent again\n");
        assertThat(topic.runsNow(taskKey)).isEmpty();
    }
}

package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code taskmon-report run} as a separate process against the real gateway and broker: what
 * the command sees (exit code, output, arguments) and what the topic receives.
 */
class RunReportingTest extends GatewayProcessTest {

    private static String taskKey(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldPassEachExitCodeThroughAndReportItWithAStartSignalOfTheSameRun() {
        for (int exitCode : new int[] {0, 1, 2}) {
            String taskKey = taskKey("exit" + exitCode);
            ReporterProcess.Result result = reporter().run("run", "--task-key", taskKey, "--name", "終了コード " + exitCode,
                    "--machine", "WEB-01", "--", "sh", "-c", "echo out-" + exitCode + "; echo err-" + exitCode + " >&2; exit "
                            + exitCode);

            assertThat(result.exitCode()).isEqualTo(exitCode);
            assertThat(result.stdout()).isEqualTo("out-" + exitCode + "\n");
            assertThat(result.stderr()).isEqualTo("err-" + exitCode + "\n");

            List<TaskRunReported> runs = topic.awaitRuns(taskKey, r -> RunsTopic.finishes(r).size() == 1);
            assertThat(runs).hasSize(2);
            TaskRunReported start = runs.get(0);
            TaskRunReported finish = runs.get(1);
            assertThat(start.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(finish.status()).isEqualTo(exitCode == 0 ? RunStatus.SUCCESS : RunStatus.FAILED);
            assertThat(finish.runId()).isEqualTo(start.runId());
            assertThat(finish.eventId()).isNotEqualTo(start.eventId());
            assertThat(finish.monitorId()).isEqualTo(MonitorId.of(taskKey, "shell", "WEB-01"));
            assertThat(finish.taskName()).isEqualTo("終了コード " + exitCode);
            assertThat(finish.exitCode()).isEqualTo(exitCode);
            assertThat(finish.startedAt()).isEqualTo(start.startedAt());
            assertThat(finish.finishedAt()).isAfterOrEqualTo(finish.startedAt());
            assertThat(finish.durationMs()).isNotNull().isGreaterThanOrEqualTo(0L);
            assertThat(finish.logUrl()).isNull();
            if (exitCode == 0) {
                // stdout and stderr are two pipes: their order in the message is the order they were read
                assertThat(finish.message()).isIn("out-0\nerr-0\n", "err-0\nout-0\n");
            } else {
                assertThat(finish.message()).startsWith("exit code " + exitCode + "\n")
                        .contains("out-" + exitCode + "\n", "err-" + exitCode + "\n");
            }
        }
    }

    @Test
    void shouldReportACommandThatIsNotFoundAsFailedWith127() {
        String taskKey = taskKey("missing");
        ReporterProcess.Result result = reporter().run("run", "--task-key", taskKey, "--name", "missing",
                "--", "no-such-command-" + UUID.randomUUID());

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr()).startsWith("taskmon-report: command not found: no-such-command-");
        TaskRunReported finish = topic.awaitFinishes(taskKey, 1).get(0);
        assertThat(finish.status()).isEqualTo(RunStatus.FAILED);
        assertThat(finish.exitCode()).isEqualTo(127);
        assertThat(finish.message()).startsWith("exit code 127: command not found: no-such-command-");
        assertThat(topic.runsNow(taskKey)).hasSize(1); // nothing started, so no start signal
    }

    @Test
    void shouldPassArgumentsWithSpacesQuotesAndJapaneseUntouched() throws IOException {
        String taskKey = taskKey("args");
        Path script = Files.writeString(work.resolve("echo-args.sh"),
                "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n");
        script.toFile().setExecutable(true);
        List<String> args = List.of("two words", "日本語 の 引数", "it's \"quoted\"", "$HOME", "*", "");

        ReporterProcess.Result result = reporter().run(Stream.concat(
                Stream.of("run", "--task-key", taskKey, "--name", "引数", "--", script.toString()),
                args.stream()).toArray(String[]::new));

        String expected = "[two words]\n[日本語 の 引数]\n[it's \"quoted\"]\n[$HOME]\n[*]\n[]\n";
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(expected);
        TaskRunReported finish = topic.awaitFinishes(taskKey, 1).get(0);
        assertThat(finish.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(finish.message()).isEqualTo(expected);
        assertThat(finish.taskName()).isEqualTo("引数");
    }

    @Test
    void shouldCutTheMessageToTheTailButKeepTheWholeOutputInTheLogFile() throws IOException {
        String taskKey = taskKey("big_output");
        Path logDir = work.resolve("logs");
        // 40,000 numbered lines of UTF-8 (about 700 KB), far over the message bound
        ReporterProcess.Result result = reporter().run("run", "--task-key", taskKey, "--name", "big",
                "--log-dir", logDir.toString(), "--", "sh", "-c",
                "i=0; while [ $i -lt 40000 ]; do echo \"行 $i\"; i=$((i+1)); done; exit 1");

        assertThat(result.exitCode()).isEqualTo(1);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            expected.append("行 ").append(i).append('\n');
        }
        assertThat(result.stdout()).isEqualTo(expected.toString());

        TaskRunReported finish = topic.awaitFinishes(taskKey, 1).get(0);
        Path logFile = Path.of(finish.logUrl());
        assertThat(logFile.getParent()).isEqualTo(logDir.toAbsolutePath());
        assertThat(logFile.getFileName().toString()).startsWith(taskKey + "_").endsWith(".log");
        assertThat(Files.readString(logFile, StandardCharsets.UTF_8)).isEqualTo(expected.toString());

        String message = finish.message();
        assertThat(message).startsWith("exit code 1\n…[").contains("earlier bytes of output cut; all of it is in " + logFile);
        assertThat(message).endsWith("行 39998\n行 39999\n").doesNotContain("行 0\n").doesNotContain("\uFFFD");
        String tail = message.substring(message.indexOf("]\n") + 2);
        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(OutputTail.DEFAULT_CAPACITY);
        assertThat(expected.toString()).endsWith(tail);
        long cut = Long.parseLong(message.replaceAll("(?s)^exit code 1\n…\\[(\\d+) earlier.*", "$1"));
        assertThat(cut + tail.getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void shouldReportACommandKilledBySigkillAsFailedWithTheSignal() throws Exception {
        String taskKey = taskKey("killed");
        Process reporter = reporter().start("run", "--task-key", taskKey, "--name", "killed", "--",
                "sh", "-c", "echo pid $$; sleep 60");
        long childPid = Long.parseLong(firstLine(reporter).replace("pid ", ""));

        ProcessHandle.of(childPid).orElseThrow().destroyForcibly();

        ReporterProcess.Result result = ReporterProcess.finish(reporter);
        assertThat(result.exitCode()).isEqualTo(137);
        TaskRunReported finish = topic.awaitFinishes(taskKey, 1).get(0);
        assertThat(finish.status()).isEqualTo(RunStatus.FAILED);
        assertThat(finish.exitCode()).isEqualTo(137);
        assertThat(finish.message()).startsWith("exit code 137: killed by SIGKILL (signal 9)\npid ");
    }

    @Test
    void shouldPassSigtermOnToTheCommandAndReportTheRunAsStoppedBySigterm() throws Exception {
        String taskKey = taskKey("terminated");
        Process reporter = reporter().start("run", "--task-key", taskKey, "--name", "terminated", "--",
                "sh", "-c", "trap 'echo cleaning up; exit 3' TERM; echo ready; while true; do sleep 0.1; done");
        assertThat(firstLine(reporter)).isEqualTo("ready");

        // SIGTERM to the reporter only, as a service manager would send it. Through the handle:
        // Process.destroy would also close the pipes this test reads.
        assertThat(reporter.toHandle().destroy()).isTrue();

        ReporterProcess.Result result = ReporterProcess.finish(reporter);
        assertThat(result.exitCode()).isEqualTo(128 + 15);
        assertThat(result.stdout()).isEqualTo("cleaning up\n");
        TaskRunReported finish = topic.awaitFinishes(taskKey, 1).get(0);
        assertThat(finish.status()).isEqualTo(RunStatus.FAILED);
        assertThat(finish.exitCode()).isEqualTo(143);
        assertThat(finish.message()).isEqualTo("stopped by SIGTERM sent to taskmon-report, which passed it on"
                + " (the command exited with 3)\nready\ncleaning up\n");
    }

    @Test
    void shouldRunTheJobUnreportedWithOneNoticeWhenNoKeyIsSet() {
        String taskKey = taskKey("no_key");
        ReporterProcess.Result result = reporter().withoutEnv("TASKMON_KEY")
                .run("run", "--task-key", taskKey, "--name", "no key", "--", "sh", "-c", "echo command ran; exit 5");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stdout()).isEqualTo("command ran\n");
        assertThat(result.stderr()).isEqualTo("taskmon-report: no key is set (TASKMON_KEY or TC_PORTAL_WEBHOOK_SECRET),"
                + " so this run is not reported\n");
        assertThat(work.resolve("spool")).doesNotExist();
        assertThat(topic.runsNow(taskKey)).isEmpty();
    }

    @Test
    void shouldAcceptTheTcPortalVariablesAndSayInOneLineWhenTheKeyIsRefused() {
        String taskKey = taskKey("tc_portal");
        ReporterProcess.Result accepted = ReporterProcess.withoutSettings()
                .env("TC_PORTAL_BASE_URL", gateway.url() + "/")
                .env("TC_PORTAL_WEBHOOK_SECRET", TestGateway.KEY)
                .env("TASKMON_SPOOL_DIR", work.resolve("spool").toString())
                .run("run", "--task-key", taskKey, "--name", "ポータル", "--kind", "bat", "--", "true");
        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.stderr()).isEmpty();
        assertThat(topic.awaitFinishes(taskKey, 1).get(0).kind()).isEqualTo("bat");

        String refusedKey = taskKey("wrong_key");
        ReporterProcess.Result refused = reporter().env("TASKMON_KEY", "not-the-key")
                .run("run", "--task-key", refusedKey, "--name", "wrong key", "--", "sh", "-c", "exit 4");
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.stderr()).isEqualTo("taskmon-report: the gateway refused the report of " + refusedKey
                + " (401 Invalid or missing secret); it is not sent again\n");
        assertThat(work.resolve("spool")).doesNotExist();
        assertThat(topic.runsNow(refusedKey)).isEmpty();
    }

    @Test
    void shouldReportThroughTheShLauncher() {
        String taskKey = taskKey("launcher");
        Process launcher = reporter().startLauncher("run", "--task-key", taskKey, "--name", "launcher", "--",
                "sh", "-c", "echo via launcher; exit 6");
        ReporterProcess.Result result = ReporterProcess.finish(launcher);

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.stdout()).isEqualTo("via launcher\n");
        assertThat(topic.awaitFinishes(taskKey, 1).get(0).message()).isEqualTo("exit code 6\nvia launcher\n");
    }

    @Test
    void shouldStillRunTheCommandThroughTheShLauncherWhenJavaIsMissing() {
        String taskKey = taskKey("no_java");
        Process launcher = reporter().env("JAVA_HOME", work.resolve("no-such-jdk").toString())
                .startLauncher("run", "--task-key", taskKey, "--name", "no java", "--",
                        "sh", "-c", "echo \"$1\"; exit 9", "sh", "引数 with spaces");
        ReporterProcess.Result result = ReporterProcess.finish(launcher);

        assertThat(result.exitCode()).isEqualTo(9);
        assertThat(result.stdout()).isEqualTo("引数 with spaces\n");
        assertThat(result.stderr()).isEqualTo("taskmon-report: java not found (install Java 17 or newer, or set"
                + " JAVA_HOME); the command runs unreported\n");
        assertThat(topic.runsNow(taskKey)).isEmpty();
    }

    @Test
    void shouldRunTheJobWithoutALogFileWhenTheLogFolderCannotBeMade() throws IOException {
        String taskKey = taskKey("no_log");
        Path notAFolder = Files.writeString(work.resolve("plain-file"), "x");

        ReporterProcess.Result result = reporter().run("run", "--task-key", taskKey, "--name", "no log",
                "--log-dir", notAFolder.resolve("logs").toString(), "--", "sh", "-c", "echo still ran");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("still ran\n");
        assertThat(result.stderr()).startsWith("taskmon-report: cannot write the log file in " + notAFolder.resolve("logs"))
                .endsWith("; the run goes on without it\n");
        TaskRunReported finish = topic.awaitFinishes(taskKey, 1).get(0);
        assertThat(finish.logUrl()).isNull();
        assertThat(finish.message()).isEqualTo("still ran\n");
    }

    private static String firstLine(Process process) throws IOException {
        // Byte by byte, so nothing past the line is consumed: ReporterProcess.finish reads the rest.
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = process.getInputStream().read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}

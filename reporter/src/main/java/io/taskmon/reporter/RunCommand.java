package io.taskmon.reporter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import sun.misc.Signal;

/**
 * {@code taskmon-report run ... -- COMMAND ARGS...}: runs the command as it would run without
 * the reporter and reports the run. The start signal is sent while the command already runs,
 * so the reporter delays a command only by its own start and the finish report. Whatever happens
 * to the reporting, the exit code is the command's.
 */
final class RunCommand {

    static final String DEFAULT_KIND = "shell";
    static final int NOT_FOUND = 127;
    static final int CANNOT_EXECUTE = 126;
    /** Output still arriving after the command ended; longer only when a leftover background process holds it. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final Map<String, String> env;
    private final Notices notices;

    RunCommand(Map<String, String> env, Notices notices) {
        this.env = env;
        this.notices = notices;
    }

    int run(Map<String, String> options, List<String> command) throws UsageError {
        ReporterSettings settings = ReporterSettings.resolve(env, options.get("url"), options.get("key"), notices);
        SignalForwarding signals = SignalForwarding.install();
        String taskKey = options.get("task-key");
        String runId = EventIds.random().toString();
        RunIdentity identity = new RunIdentity(taskKey, options.get("name"), options.getOrDefault("kind", DEFAULT_KIND),
                machine(options), runId, ScheduleFlags.from(options));
        ReportDelivery delivery = null;
        CommandLog log = null;
        Duration allowance = Duration.ZERO;
        try {
            delivery = delivery(settings);
            allowance = Deadline.allowance(settings.budget());
            if (options.get("log-dir") != null) {
                log = CommandLog.open(Path.of(options.get("log-dir")), taskKey, runId, LocalDateTime.now(), notices);
            }
        } catch (RuntimeException e) {
            // A fault of the reporter's own must not keep the command from running.
            notices.say("cannot prepare reporting (" + e + "); the command runs unreported");
            delivery = null;
        }
        OutputTail tail = new OutputTail(OutputTail.DEFAULT_CAPACITY);

        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long startNanos = System.nanoTime();
        Process child;
        try {
            child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return launchFailed(command.get(0), e, identity, startedAt, log, delivery, allowance);
        }
        signals.attach(child);
        CommandOutput output = new CommandOutput(tail, log);
        output.pump(child.getInputStream(), new FileOutputStream(FileDescriptor.out), "command-stdout");
        output.pump(child.getErrorStream(), new FileOutputStream(FileDescriptor.err), "command-stderr");
        // Tries for half the allowance at most: when the gateway is down and the command is short,
        // the finish, the report that matters, still gets tries of its own. A slow answer may
        // take the whole allowance; the finish waits for it rather than send a report twice.
        Thread startSignal = delivery == null ? null : sendInBackground(delivery,
                identity.report(RunReport.RUNNING, startedAt, null, null, null, null, null),
                Deadline.tryingFor(allowance.dividedBy(2), allowance));

        int exitCode = awaitExit(child);
        Signal received = signals.received();
        Instant finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        output.awaitDrained(DRAIN_WAIT);
        if (log != null) {
            log.close();
        }
        int passOn = received == null ? exitCode : 128 + received.getNumber();
        if (delivery == null) {
            return passOn;
        }
        try {
            Deadline deadline = Deadline.after(allowance);
            awaitStartSignal(startSignal, deadline);
            String reason = failureReason(exitCode, received);
            String status = reason == null ? RunReport.SUCCESS : RunReport.FAILED;
            String message = message(reason, tail, log);
            delivery.deliver(identity.report(status, startedAt, finishedAt, durationMs, passOn, message,
                    log == null ? null : log.file().toString()), deadline, true);
        } catch (RuntimeException e) {
            notices.say("reporting failed (" + e + "); the command's exit code is unchanged");
        }
        return passOn;
    }

    /** The command could not start: reported as a failed run with the shell's exit codes. */
    private int launchFailed(String program, IOException e, RunIdentity identity, Instant startedAt, CommandLog log,
                             ReportDelivery delivery, Duration allowance) {
        String detail = e.getMessage() == null ? e.toString() : e.getMessage();
        boolean notFound = detail.contains("error=2,") || detail.contains("No such file");
        int code = notFound ? NOT_FOUND : CANNOT_EXECUTE;
        String reason = (notFound ? "command not found: " : "cannot execute: ") + program + " (" + detail + ")";
        notices.say(reason);
        if (log != null) {
            byte[] line = (reason + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            log.write(line, 0, line.length);
            log.close();
        }
        if (delivery != null) {
            try {
                delivery.deliver(identity.report(RunReport.FAILED, startedAt, startedAt, 0L, code,
                        "exit code " + code + ": " + reason, log == null ? null : log.file().toString()),
                        Deadline.after(allowance), true);
            } catch (RuntimeException failure) {
                notices.say("reporting failed (" + failure + "); the exit code is unchanged");
            }
        }
        return code;
    }

    /** Why the run failed, as the message's first line; {@code null} for a success. */
    static String failureReason(int exitCode, Signal received) {
        if (received != null) {
            return "stopped by SIG" + received.getName() + " sent to taskmon-report, which passed it on"
                    + " (the command exited with " + exitCode + ")";
        }
        if (exitCode == 0) {
            return null;
        }
        String killed = Signals.killedBy(exitCode);
        return "exit code " + exitCode + (killed == null ? "" : ": " + killed);
    }

    private static String message(String reason, OutputTail tail, CommandLog log) {
        String output = tail.totalBytes() == 0 ? ""
                : tail.text(outputCharset(), log == null ? "" : "; all of it is in " + log.file());
        if (reason == null) {
            return output.isBlank() ? null : output;
        }
        return output.isBlank() ? reason : reason + "\n" + output;
    }

    /** What the command most likely writes: the platform's encoding (UTF-8 on Linux, a code page on Windows). */
    private static Charset outputCharset() {
        try {
            return Charset.forName(System.getProperty("native.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private ReportDelivery delivery(ReporterSettings settings) {
        if (!settings.reportingOn()) {
            notices.say(settings.offBecause());
            return null;
        }
        return new ReportDelivery(new GatewayClient(settings.endpoint(), settings.key()),
                new Spool(settings.spoolDir()), notices);
    }

    private String machine(Map<String, String> options) {
        if (options.containsKey("machine")) {
            return ReporterSettings.firstSet(options.get("machine"));
        }
        return MachineName.detect(env);
    }

    private static int awaitExit(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // only a signal handler could interrupt; the command decides when the run ends
            }
        }
    }

    private static Thread sendInBackground(ReportDelivery delivery, RunReport startSignal, Deadline deadline) {
        Thread thread = new Thread("start-signal") {
            @Override
            public void run() {
                try {
                    delivery.deliver(startSignal, deadline, false);
                } catch (RuntimeException e) {
                    // the finish report still goes; the start signal is only a hint
                }
            }
        };
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The finish goes after the start signal, so the gateway never sees them the wrong way round. */
    private static void awaitStartSignal(Thread startSignal, Deadline deadline) {
        if (startSignal == null) {
            return;
        }
        try {
            startSignal.join(Math.max(1, deadline.remaining().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What every report of this run shares. */
    record RunIdentity(String taskKey, String taskName, String kind, String machineName, String runId,
                       ScheduleFlags schedule) {

        RunReport report(String status, Instant startedAt, Instant finishedAt, Long durationMs, Integer exitCode,
                         String message, String logUrl) {
            return new RunReport(taskKey, taskName, kind, machineName, status, EventIds.random(), runId,
                    startedAt == null ? null : startedAt.toString(), finishedAt == null ? null : finishedAt.toString(),
                    durationMs, exitCode, message, logUrl, schedule);
        }
    }
}

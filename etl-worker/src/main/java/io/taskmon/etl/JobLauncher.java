package io.taskmon.etl;

import io.taskmon.config.Settings;
import io.taskmon.etl.cli.Endpoints;
import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.cli.UsageException;
import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.progress.ProgressPublisher;
import io.taskmon.etl.schedule.CronSchedule;
import io.taskmon.etl.schedule.ScheduleClock;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * {@code etl load} once its options are checked: finds PostgreSQL and Kafka, opens the JSON log,
 * and runs the job once or at each time its schedule names, printing each run's summary.
 */
final class JobLauncher {

    private final Settings settings;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final ScheduleClock clock;

    /** @param home where a running {@code ./taskmon up} keeps its endpoints file */
    JobLauncher(Settings settings, Path home, PrintStream out, PrintStream err, InputStream in, ScheduleClock clock) {
        this.settings = settings;
        this.home = home;
        this.out = out;
        this.err = err;
        this.in = in;
        this.clock = clock;
    }

    ExitCode load(LoadOptions options) {
        Endpoints endpoints = Endpoints.resolve(options.connection(), settings, home);
        if (options.mode() != LoadOptions.Mode.DRY_RUN) {
            endpoints.requirePostgres();
        }
        if (!options.noEvents() && options.mode() != LoadOptions.Mode.DRY_RUN) {
            endpoints.requireKafka();
        }
        CronSchedule schedule = options.schedule() == null ? null : CronSchedule.parse(options.schedule());
        try (PrintStream logStream = openLog(options.logFile())) {
            JsonLog log = new JsonLog(logStream);
            // With the JSON log on stdout, the summary moves to stderr so stdout stays pure JSON.
            PrintStream summaryOut = options.logFile().equals("-") ? err : out;
            if (schedule == null) {
                return runOnce(options, endpoints, log, summaryOut);
            }
            return runOnSchedule(options.withYes(), schedule, endpoints, log, summaryOut);
        }
    }

    private ExitCode runOnce(LoadOptions options, Endpoints endpoints, JsonLog log, PrintStream summaryOut) {
        ProgressPublisher events = options.noEvents() || endpoints.kafka() == null
                ? ProgressPublisher.disabled(log)
                : ProgressPublisher.connect(endpoints.kafka(), settings.kafkaClientProperties(Set.of()),
                        options.eventsTimeout(), log);
        TaxRegistrationJob.Console console = new TaxRegistrationJob.Console(summaryOut, err,
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), System.console() != null);
        TaxRegistrationJob.Outcome outcome;
        try {
            outcome = new TaxRegistrationJob(options, endpoints.postgres(), events, log, console, machineName()).run();
        } finally {
            events.close();
        }
        if (outcome.summary() != null) {
            outcome.summary().print(summaryOut);
        } else {
            err.println("taskmon etl: " + outcome.message());
        }
        return outcome.exitCode();
    }

    /**
     * Runs at each time the schedule names, until stopped. Missed times are not caught up: after a
     * long run the next time is counted from when it ended, as a full reload makes older ones moot.
     */
    private ExitCode runOnSchedule(LoadOptions options, CronSchedule schedule, Endpoints endpoints, JsonLog log,
                                   PrintStream summaryOut) {
        while (true) {
            // The schedule runs in the zone its monitor expects runs in: --timezone, else the
            // machine's, which is the clock's own.
            ZonedDateTime now = clock.now();
            if (options.monitorConfig() != null && !options.monitorConfig().zone().equals(ZoneId.systemDefault())) {
                now = now.withZoneSameInstant(options.monitorConfig().zone());
            }
            ZonedDateTime next = schedule.nextAfter(now);
            log.info("schedule_waiting", "next run at " + next, "schedule", schedule.toString());
            err.println("taskmon etl: next run at " + next + " (schedule '" + schedule + "')");
            try {
                clock.waitUntil(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.OK;
            }
            ExitCode code = runOnce(options, endpoints, log, summaryOut);
            log.info("scheduled_run_ended", "scheduled run ended with exit code " + code.code(), "exit_code", code.code());
        }
    }

    private PrintStream openLog(String logFile) {
        if (logFile.equals("-")) {
            return new PrintStream(new StandardOutputKeptOpen(), true, StandardCharsets.UTF_8);
        }
        Path file = Path.of(logFile);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            return new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--log-file: cannot write " + logFile + ": " + e.getMessage());
        }
    }

    /** Standard output for the JSON log, not closed with the log. */
    private final class StandardOutputKeptOpen extends OutputStream {
        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
            out.flush();
        }
    }

    private String machineName() {
        return settings.optionalText("HOSTNAME").orElseGet(JobLauncher::localHostName);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}

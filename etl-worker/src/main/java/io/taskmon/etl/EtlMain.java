package io.taskmon.etl;

import io.taskmon.etl.cli.Arguments;
import io.taskmon.etl.cli.Endpoints;
import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.cli.UsageException;
import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.progress.ProgressPublisher;
import io.taskmon.etl.schedule.CronSchedule;
import io.taskmon.etl.schedule.ScheduleClock;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./taskmon etl COMMAND}: {@code load} runs the tax-registration import (once or on a
 * schedule), {@code generate} writes a realistic test file. Decodes the arguments and hands over;
 * bad arguments end with one sentence, the usage and exit code 2, never a stack trace.
 */
public final class EtlMain {

    static final String USAGE = """
            Usage: ./taskmon etl load --source PATH_OR_URL [options]   (./taskmon etl load --help for options)
                   ./taskmon etl generate --rows N --out FILE [--seed S] [--bad-share 0.02]""";

    static final String GENERATE_USAGE = """
            Usage: ./taskmon etl generate --rows N --out FILE [--seed S] [--bad-share 0.02]
            Writes a CSV shaped like the published tax-registration data, with the given share of bad rows.""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final ScheduleClock clock;

    EtlMain(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        this(env, out, err, in, ScheduleClock.SYSTEM);
    }

    /** @param clock the time {@code --schedule} runs by */
    EtlMain(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, ScheduleClock clock) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(EtlCommand.run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (command) {
                case "load" -> rest.contains("--help") ? help(LoadOptions.USAGE) : load(LoadOptions.parse(rest, env));
                case "generate" -> rest.contains("--help") ? help(GENERATE_USAGE) : generate(rest);
                case "help", "--help", "-h" -> help(USAGE);
                default -> throw new UsageException("unknown etl command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("taskmon etl: " + e.getMessage());
            err.println(command.equals("load") ? LoadOptions.USAGE : command.equals("generate") ? GENERATE_USAGE : USAGE);
            return ExitCode.USAGE.code();
        }
    }

    private int help(String text) {
        out.println(text);
        return ExitCode.OK.code();
    }

    private int generate(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("--rows", "--out", "--seed", "--bad-share"), Set.of());
        Long rows = a.positiveLong("--rows");
        String file = a.value("--out");
        if (rows == null) {
            throw new UsageException("--rows is required");
        }
        if (file == null || file.isBlank()) {
            throw new UsageException("--out is required");
        }
        long seed;
        try {
            seed = Long.parseLong(a.value("--seed", "20240101"));
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, got '" + a.value("--seed") + "'");
        }
        double badShare = a.share("--bad-share", 0.02);
        long start = System.nanoTime();
        try {
            TaxRegistrationGenerator.Counts counts = new TaxRegistrationGenerator(seed, badShare).write(Path.of(file), rows);
            out.printf(Locale.ROOT, "wrote %s: %,d rows (%,d valid, %,d short BAN, %,d missing field, %,d duplicate,"
                            + " %,d bad capital, %,d blank) in %.1f s%n", file, counts.rows(), counts.valid(),
                    counts.invalidBan(), counts.missingField(), counts.duplicate(), counts.badNumber(), counts.blank(),
                    (System.nanoTime() - start) / 1e9);
            return ExitCode.OK.code();
        } catch (IOException e) {
            err.println("taskmon etl: cannot write " + file + ": " + e.getMessage());
            return ExitCode.JOB_FAILED.code();
        }
    }

    private int load(LoadOptions options) {
        Endpoints endpoints = Endpoints.resolve(options.connection(), env);
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
                return runOnce(options, endpoints, log, summaryOut).code();
            }
            return runOnSchedule(options.withYes(), schedule, endpoints, log, summaryOut);
        }
    }

    private ExitCode runOnce(LoadOptions options, Endpoints endpoints, JsonLog log, PrintStream summaryOut) {
        ProgressPublisher events = options.noEvents() || endpoints.kafka() == null
                ? ProgressPublisher.disabled(log)
                : ProgressPublisher.connect(endpoints.kafka(), options.eventsTimeout(), log);
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
    private int runOnSchedule(LoadOptions options, CronSchedule schedule, Endpoints endpoints, JsonLog log,
                              PrintStream summaryOut) {
        while (true) {
            ZonedDateTime next = schedule.nextAfter(clock.now());
            log.info("schedule_waiting", "next run at " + next, "schedule", schedule.toString());
            err.println("taskmon etl: next run at " + next + " (schedule '" + schedule + "')");
            try {
                clock.waitUntil(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.OK.code();
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
    private final class StandardOutputKeptOpen extends java.io.OutputStream {
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
        String host = env.get("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}

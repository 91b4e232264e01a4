package io.taskmon.etl;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.etl.cli.LoadOptions;
import io.taskmon.etl.cli.LoadOptions.Mode;
import io.taskmon.etl.progress.JsonLog;
import io.taskmon.etl.progress.ProgressPublisher;
import io.taskmon.etl.transform.SeenBans;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.UUID;

/**
 * One run of the tax-registration import: {@link RunStart} takes the job's lock and plans the
 * run (full reload, resume), {@link BatchLoop} streams the source through validation into
 * batches and commits each with its checkpoint, and {@link RunReporting} tells each step as
 * events, log lines and a progress bar. A dry run skips the database and goes straight to the loop.
 */
public final class TaxRegistrationJob {

    public static final String JOB_NAME = "tax-registration";

    /** Where the run talks to a person: the summary, the progress bar, the confirmation prompt. */
    public record Console(PrintStream out, PrintStream err, BufferedReader in, boolean interactive) {
    }

    /** How the run ended; {@code summary} is null when it never started (locked, declined, ...). */
    public record Outcome(ExitCode exitCode, RunSummary summary, String message) {
    }

    private final LoadOptions options;
    private final PostgresEndpoint postgres;
    private final JsonLog log;
    private final Console console;
    private final String machineName;
    private final RunReporting reporting;

    /** @param postgres null for a dry run, which never touches the database */
    public TaxRegistrationJob(LoadOptions options, PostgresEndpoint postgres, ProgressPublisher events, JsonLog log,
                              Console console, String machineName) {
        this.options = options;
        this.postgres = postgres;
        this.log = log;
        this.console = console;
        this.machineName = machineName;
        this.reporting = new RunReporting(events, log, console, options.mode().wireName(), machineName,
                options.progress(), options.monitorConfig());
    }

    public Outcome run() {
        BatchLoop loop = new BatchLoop(options, reporting);
        if (options.mode() == Mode.DRY_RUN) {
            RunPlan plan = RunPlan.fromStart(options);
            UUID id = UUID.randomUUID();
            log.jobRunId(id);
            return loop.run(plan, id, null, null, SourceOpening.open(options, log, plan, id, new SeenBans()));
        }
        return new RunStart(options, postgres, log, console, machineName).run(loop);
    }

    /** The innermost cause's first line: what a person can act on, without the stack of wrappers. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

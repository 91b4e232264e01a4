package io.taskmon.etl;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import io.taskmon.etl.cli.EtlCommandLine;
import io.taskmon.etl.cli.GenerateCommand.GenerateOptions;
import io.taskmon.etl.cli.UsageException;
import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.etl.schedule.ScheduleClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./taskmon etl COMMAND}: {@code load} runs the tax-registration import (once or on a
 * schedule), {@code generate} writes a realistic test file. Decodes the arguments and hands over;
 * bad arguments end with one sentence, the usage and exit code 2, never a stack trace. The
 * environment is read once, through the one settings reader; a bad value there ends with one
 * sentence naming the variable and exit code 2.
 */
public final class EtlMain {

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final ScheduleClock clock;

    EtlMain(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        this(env, out, err, in, ScheduleClock.SYSTEM);
    }

    /**
     * @param env   the environment variables, read through one {@link Settings}
     * @param clock the time {@code --schedule} runs by
     */
    EtlMain(Map<String, String> env, PrintStream out, PrintStream err, InputStream in, ScheduleClock clock) {
        this.settings = new Settings(env, line -> err.println("taskmon etl: warning: " + line));
        this.out = out;
        this.err = err;
        this.in = in;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(EtlCommand.run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        EtlCommandLine commandLine = new EtlCommandLine();
        try {
            EtlCommandLine.Request request = commandLine.parse(args);
            if (request instanceof EtlCommandLine.Help help) {
                out.print(help.usage());
                out.flush();
                return ExitCode.OK.code();
            }
            if (request instanceof EtlCommandLine.Load load) {
                Path home = Path.of(settings.text("TASKMON_HOME", ".taskmon"));
                return new JobLauncher(settings, home, out, err, in, clock).load(load.command().options(home)).code();
            }
            return generate(((EtlCommandLine.Generate) request).command().options());
        } catch (UsageException e) {
            err.println("taskmon etl: " + e.getMessage());
            err.println(commandLine.usage());
            return ExitCode.USAGE.code();
        } catch (SettingsException e) {
            err.println("taskmon etl: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
    }

    private int generate(GenerateOptions options) {
        long start = System.nanoTime();
        try {
            TaxRegistrationGenerator.Counts counts = new TaxRegistrationGenerator(options.seed(), options.badShare())
                    .write(options.out(), options.rows());
            out.printf(Locale.ROOT, "wrote %s: %,d rows (%,d valid, %,d short BAN, %,d missing field, %,d duplicate,"
                            + " %,d bad capital, %,d blank) in %.1f s%n", options.out(), counts.rows(), counts.valid(),
                    counts.invalidBan(), counts.missingField(), counts.duplicate(), counts.badNumber(), counts.blank(),
                    (System.nanoTime() - start) / 1e9);
            return ExitCode.OK.code();
        } catch (IOException e) {
            err.println("taskmon etl: cannot write " + options.out() + ": " + e.getMessage());
            return ExitCode.JOB_FAILED.code();
        }
    }
}

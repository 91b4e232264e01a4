package io.taskmon.etl;

import java.util.List;

/** The {@code etl} command with the process's environment and standard streams. */
public final class EtlCommand {

    private EtlCommand() {
    }

    /** Runs the command and returns its exit code (see {@link ExitCode}). */
    public static int run(List<String> args) {
        return new EtlMain(System.getenv(), System.out, System.err, System.in).run(args);
    }
}

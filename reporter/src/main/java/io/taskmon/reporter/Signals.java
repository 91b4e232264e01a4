package io.taskmon.reporter;

import java.util.Map;

/** Signal names for exit codes above 128, the shells' convention for "killed by signal n". */
final class Signals {

    /** The numbers every Unix agrees on; others are shown as "signal n". */
    private static final Map<Integer, String> NAMES = Map.of(
            1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT", 9, "SIGKILL",
            13, "SIGPIPE", 14, "SIGALRM", 15, "SIGTERM");

    static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private Signals() {
    }

    static String name(int number) {
        return NAMES.getOrDefault(number, "signal " + number);
    }

    /**
     * Why a command that exited with this code stopped, when the code says it was killed; else
     * {@code null}. Java gives 128 + n for a process killed by signal n, as shells do.
     */
    static String killedBy(int exitCode) {
        if (WINDOWS || exitCode <= 128 || exitCode > 128 + 64) {
            return null;
        }
        int signal = exitCode - 128;
        return "killed by " + name(signal) + " (signal " + signal + ")";
    }
}

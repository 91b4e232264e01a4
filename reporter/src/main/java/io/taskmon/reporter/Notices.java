package io.taskmon.reporter;

import java.io.PrintStream;

/**
 * The reporter's own one-line messages, on stderr and prefixed, so they stand apart from the
 * command's output. Kept to what a person must act on: cron mails every line a scheduled command prints.
 */
final class Notices {

    static final String PREFIX = "taskmon-report: ";

    private final PrintStream err;

    Notices(PrintStream err) {
        this.err = err;
    }

    void say(String sentence) {
        // The command's stderr is copied through the same descriptor; one write per line keeps
        // a notice from being split by the command's output.
        synchronized (err) {
            err.println(PREFIX + sentence);
            err.flush();
        }
    }
}

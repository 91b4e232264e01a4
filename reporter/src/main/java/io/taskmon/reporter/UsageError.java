package io.taskmon.reporter;

/** The reporter's own command line is wrong: one sentence, the usage text, exit code 2. */
final class UsageError extends Exception {

    UsageError(String sentence) {
        super(sentence, null, false, false);
    }
}

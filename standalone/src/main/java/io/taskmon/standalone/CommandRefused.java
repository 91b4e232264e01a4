package io.taskmon.standalone;

/** A command that cannot do what it was asked, with the one sentence that says why (exit code 2). */
final class CommandRefused extends RuntimeException {

    CommandRefused(String sentence) {
        super(sentence, null, false, false);
    }
}

package io.taskmon.streams;

/** An input record that cannot be read or breaks the contract; its message is the dead letter's reason. */
final class InvalidRecord extends Exception {

    InvalidRecord(String reason) {
        super(reason, null, false, false);
    }
}

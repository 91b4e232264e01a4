package io.taskmon.etl.cli;

/** Bad command-line arguments or configuration: printed as one sentence plus the usage, exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}

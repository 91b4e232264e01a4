package io.taskmon.etl.source;

/** The source could not be opened or read: a missing file, an HTTP error after every retry. */
public final class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

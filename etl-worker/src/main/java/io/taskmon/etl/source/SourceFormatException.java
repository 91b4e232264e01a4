package io.taskmon.etl.source;

/** The source is not a file this job can read (no header, missing columns, a runaway quote). */
public final class SourceFormatException extends RuntimeException {

    public SourceFormatException(String message) {
        super(message);
    }
}

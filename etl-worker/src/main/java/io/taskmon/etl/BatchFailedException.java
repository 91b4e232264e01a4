package io.taskmon.etl;

/** A batch the database refused; the run ends with it, its rows saved for inspection. */
final class BatchFailedException extends RuntimeException {

    /** Where the batch's rows were saved; null if even that failed. */
    final String failedRowsFile;

    BatchFailedException(String message, String failedRowsFile) {
        super(message);
        this.failedRowsFile = failedRowsFile;
    }
}

package io.taskmon.etl;

/** What {@code ./taskmon etl} ends with; scripts and schedulers branch on these. */
public enum ExitCode {
    OK(0),
    /** The run started and failed: source unreachable, a batch not committed, ... (see the summary). */
    JOB_FAILED(1),
    /** Wrong arguments or missing configuration; nothing was started. */
    USAGE(2),
    /** Another run of the job holds the lock; nothing was done. */
    LOCKED(3),
    /** {@code --resume} found no unfinished run to continue. */
    NOTHING_TO_RESUME(4),
    /** The full reload was not confirmed at the prompt; nothing was deleted. */
    DECLINED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The status a run reports: finished well, finished badly, just started, or queued to start. */
public enum RunStatus implements WireName {
    SUCCESS,
    FAILED,
    /** A start signal: opens a run that a later success or failed with the same run_id closes. */
    RUNNING,
    /**
     * Queued, not started yet: kept on the run, so the wait until its {@code running} signal (the
     * same run_id) shows how long jobs queue. A queued run has not started: it serves no expected time.
     */
    PENDING;

    /** The status for a wire name, or {@code null} when the name is not one of ours. */
    @JsonCreator
    public static RunStatus fromWireName(String name) {
        return WireName.find(RunStatus.class, name);
    }

    public boolean isFinished() {
        return this == SUCCESS || this == FAILED;
    }

    /** Whether the run has started: a queued run has not. */
    public boolean isStarted() {
        return this != PENDING;
    }
}

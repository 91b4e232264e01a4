package io.taskmon.gateway;

/**
 * One part whose health {@code GET /health} reports. The gateway checks its broker; the
 * standalone process adds the database, monitor-streams and the projector.
 */
public interface ComponentCheck {

    /** A short stable name, the key in the health answer. */
    String name();

    boolean isUp();
}

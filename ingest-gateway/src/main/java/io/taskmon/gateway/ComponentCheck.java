package io.taskmon.gateway;

/**
 * One part whose health {@code GET /health} reports. The gateway checks its broker; the
 * standalone process adds the database, monitor-streams and the projector.
 */
public interface ComponentCheck {

    /** A short stable name, the key in the health answer. */
    String name();

    boolean isUp();

    /** While down, what the part is doing instead, in a few words ("restoring 41% of 3.2M records"); null when unknown. */
    default String whyDown() {
        return null;
    }
}

package io.taskmon.gateway;

import java.time.Instant;
import java.util.Optional;

/**
 * The dead letters not yet replayed, which {@code GET /health} reports as information: they are
 * records to look at, not an outage, so they never make the answer DOWN. The gateway alone keeps
 * no database and has none; the standalone process counts them in the read model.
 */
public interface WaitingDeadLetters {

    /** Empty when they cannot be counted now: the database is down, which its own component says. */
    Optional<Count> count();

    /** @param latestAt when the newest waiting dead letter failed; null when none waits */
    record Count(long waiting, Instant latestAt) {
    }
}

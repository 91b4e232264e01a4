package io.taskmon.standalone;

import io.taskmon.gateway.WaitingDeadLetters;
import io.taskmon.readmodel.DeadLetterDao;
import io.taskmon.readmodel.DeadLetterWaiting;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dead letters waiting for replay, counted in the read model for {@code /health}. */
final class ReadModelDeadLetters implements WaitingDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelDeadLetters.class);

    private final DeadLetterDao deadLetters;

    ReadModelDeadLetters(Jdbi jdbi) {
        this.deadLetters = jdbi.onDemand(DeadLetterDao.class);
    }

    @Override
    public Optional<Count> count() {
        try {
            DeadLetterWaiting waiting = deadLetters.waiting();
            return Optional.of(new Count(waiting.waiting(), waiting.latestAt()));
        } catch (RuntimeException e) {
            // The database check of /health says DOWN already; the count is only left out.
            LOG.debug("Cannot count the dead letters: {}", e.getMessage());
            return Optional.empty();
        }
    }
}

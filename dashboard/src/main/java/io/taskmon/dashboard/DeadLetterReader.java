package io.taskmon.dashboard;

import io.taskmon.readmodel.DeadLetterDao;
import io.taskmon.readmodel.DeadLetterRow;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Dead letters newest first, and how many wait for replay: the badge. */
public final class DeadLetterReader {

    /**
     * @param waiting  dead letters not yet replayed, whichever state was asked for
     * @param latestAt when the newest waiting one failed; null when none waits
     */
    public record DeadLetterPage(String state, long waiting, Instant latestAt, List<DeadLetterRow> deadLetters,
                                 int limit, int offset, boolean hasMore) {
    }

    private final DeadLetterDao deadLetters;

    public DeadLetterReader(Jdbi jdbi) {
        this.deadLetters = jdbi.onDemand(DeadLetterDao.class);
    }

    public DeadLetterPage deadLetters(boolean waitingOnly, int limit, int offset) {
        List<DeadLetterRow> page = waitingOnly
                ? deadLetters.waitingNewestFirst(limit + 1, offset)
                : deadLetters.newestFirst(limit + 1, offset);
        var waiting = deadLetters.waiting();
        return new DeadLetterPage(waitingOnly ? "waiting" : "all", waiting.waiting(), waiting.latestAt(),
                page.subList(0, Math.min(limit, page.size())), limit, offset, page.size() > limit);
    }
}

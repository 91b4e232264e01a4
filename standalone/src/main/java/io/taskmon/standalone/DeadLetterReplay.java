package io.taskmon.standalone;

import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import io.taskmon.readmodel.DeadLetterDao;
import io.taskmon.readmodel.DeadLetterRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jdbi.v3.core.Jdbi;

/**
 * Replaying dead letters: each one's original record (its exact bytes and key) is published to
 * the topic it came from, through the same path as any record, and only once Kafka has
 * acknowledged it is the dead letter marked replayed. A record whose cause was fixed is
 * processed now; one still bad becomes a new dead letter.
 */
final class DeadLetterReplay {

    /** Letters published before waiting for their acknowledgements; also how often progress is told. */
    static final int CHUNK = 100;

    /** The topics a dead letter may be replayed to: taskmon's own, never the dead letters themselves. */
    private static final Set<String> REPLAYABLE_TOPICS = Topics.ALL.stream().map(Topic::name)
            .filter(name -> !name.equals(Topics.DEAD_LETTER.name())).collect(Collectors.toUnmodifiableSet());

    /** What a replay did: published and marked, or published but marked by another replay first. */
    record Outcome(int replayed, int markedByOthers) {
    }

    private final DeadLetterDao deadLetters;
    private final Clock clock;

    DeadLetterReplay(Jdbi jdbi, Clock clock) {
        this.deadLetters = jdbi.onDemand(DeadLetterDao.class);
        this.clock = clock;
    }

    /**
     * The dead letters a replay request names, oldest first, each checked before anything is
     * published: all of them can be replayed, or none is.
     */
    List<DeadLetterRow> select(DeadLetterCommandLine.Replay request) {
        List<DeadLetterRow> rows;
        if (request.all()) {
            rows = request.again() ? deadLetters.all() : deadLetters.allWaiting();
        } else {
            Set<Long> asked = new LinkedHashSet<>(request.ids());
            rows = deadLetters.withIds(asked);
            asked.removeAll(rows.stream().map(DeadLetterRow::id).toList());
            if (!asked.isEmpty()) {
                throw new CommandRefused(asked.size() == 1
                        ? "there is no dead letter " + asked.iterator().next() + "; ./taskmon dead-letters list shows them"
                        : "there are no dead letters " + join(asked) + "; ./taskmon dead-letters list shows them");
            }
            List<DeadLetterRow> replayed = rows.stream().filter(row -> !row.isWaiting()).toList();
            if (!request.again() && !replayed.isEmpty()) {
                DeadLetterRow first = replayed.get(0);
                throw new CommandRefused(replayed.size() == 1
                        ? "dead letter " + first.id() + " was replayed already at " + first.replayedAt()
                                + "; add --again to replay it once more"
                        : "dead letters " + join(replayed.stream().map(DeadLetterRow::id).toList())
                                + " were replayed already; add --again to replay them once more");
            }
        }
        for (DeadLetterRow row : rows) {
            if (row.rawValueBase64() == null) {
                throw new CommandRefused("dead letter " + row.id() + " has no value to replay");
            }
            if (!REPLAYABLE_TOPICS.contains(row.sourceTopic())) {
                throw new CommandRefused("dead letter " + row.id() + " came from " + row.sourceTopic()
                        + ", which is not a taskmon topic a dead letter can be replayed to");
            }
        }
        return rows;
    }

    /**
     * Publishes the letters in order and marks each replayed once Kafka has it, telling
     * {@code progress} one line per letter, or per {@value #CHUNK} when there are more.
     *
     * @throws CommandRefused when Kafka does not take a letter; those acknowledged before stay marked
     */
    Outcome replay(List<DeadLetterRow> rows, Producer<byte[], byte[]> producer, Consumer<String> progress) {
        int replayed = 0;
        int markedByOthers = 0;
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<DeadLetterRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            RuntimeException failure = null;
            for (DeadLetterRow row : chunk) {
                try {
                    sent.add(producer.send(new ProducerRecord<>(row.sourceTopic(), row.sourceKey(),
                            Base64.getDecoder().decode(row.rawValueBase64()))));
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                DeadLetterRow row = chunk.get(i);
                RecordMetadata at;
                try {
                    at = sent.get(i).get();
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new RuntimeException(e.getCause().getMessage(), e.getCause());
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CommandRefused("interrupted while replaying; " + replayed + " dead letters were replayed");
                }
                // Marked only from the state it was read in: another replay meanwhile marked it itself.
                if (deadLetters.markReplayed(row.id(), row.replayedAt(), clock.instant()) == 1) {
                    replayed++;
                } else {
                    markedByOthers++;
                }
                if (rows.size() <= CHUNK) {
                    progress.accept("replayed dead letter " + row.id() + " (" + row.consumer() + " refused "
                            + row.source() + ") as " + at.topic() + "-" + at.partition() + "@" + at.offset());
                }
            }
            if (failure != null) {
                throw new CommandRefused("cannot publish to Kafka: " + failure.getMessage() + "; " + replayed
                        + " of " + rows.size() + " dead letters were replayed, the rest still wait");
            }
            if (rows.size() > CHUNK) {
                progress.accept(String.format("replayed %,d of %,d dead letters", from + chunk.size(), rows.size()));
            }
        }
        return new Outcome(replayed, markedByOthers);
    }

    private static String join(Iterable<Long> ids) {
        List<String> text = new ArrayList<>();
        ids.forEach(id -> text.add(String.valueOf(id)));
        return String.join(", ", text);
    }
}

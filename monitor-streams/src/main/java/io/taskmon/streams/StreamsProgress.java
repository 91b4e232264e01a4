package io.taskmon.streams;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What monitor-streams is doing while it is not yet processing: its Streams state and how far
 * the restore of its state stores from their changelogs has come. A restart after a clean stop
 * restores nothing; after a crash the stores are rebuilt, and this says how far along that is.
 */
final class StreamsProgress implements KafkaStreams.StateListener, StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsProgress.class);
    private static final long STUCK_AFTER_SECONDS = 15;

    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private final AtomicLong toRestore = new AtomicLong();
    private final AtomicLong restored = new AtomicLong();
    private final AtomicLong restoresStarted = new AtomicLong();
    private final AtomicLong restoresDone = new AtomicLong();
    private final Map<String, Long> restoredByStore = new ConcurrentHashMap<>();
    /** When the restore last moved: a restore that stops moving is stuck, not slow, and the wait should say so. */
    private volatile long restoreMovedNanos = System.nanoTime();

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        // Streams' own logs are kept to errors; this one line per step shows where a start stands.
        if (newState == KafkaStreams.State.RUNNING && restored.get() > 0) {
            LOG.info("monitor-streams: {} -> RUNNING; restored {} records from changelogs since start",
                    oldState, restored.get());
        } else {
            LOG.info("monitor-streams: {} -> {}", oldState, newState);
        }
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        // The span counts transaction markers too, so it is an upper bound of the records to come.
        toRestore.addAndGet(Math.max(0, endingOffset - startingOffset));
        restoresStarted.incrementAndGet();
        restoreMovedNanos = System.nanoTime();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.addAndGet(numRestored);
        restoredByStore.merge(store, numRestored, Long::sum);
        restoreMovedNanos = System.nanoTime();
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoresDone.incrementAndGet();
        if (totalRestored > 0) {
            LOG.info("monitor-streams: restored {} records into store {} from {}", totalRestored, store, partition);
        }
    }

    KafkaStreams.State state() {
        return state;
    }

    /** Records replayed from changelogs into each store since start. */
    Map<String, Long> recordsRestoredByStore() {
        return Map.copyOf(restoredByStore);
    }

    /** One phrase for a person waiting: "REBALANCING", "restoring 41% of 3.2M records", "RUNNING". */
    String describe() {
        long total = toRestore.get();
        boolean restoring = restoresDone.get() < restoresStarted.get();
        if (state != KafkaStreams.State.RUNNING && restoring && total > restored.get()) {
            long done = Math.min(restored.get(), total);
            String phrase = String.format(Locale.ROOT, "restoring %d%% of %s records", done * 100 / total, count(total));
            long quietSeconds = (System.nanoTime() - restoreMovedNanos) / 1_000_000_000;
            return quietSeconds >= STUCK_AFTER_SECONDS
                    ? phrase + ", no progress for " + quietSeconds + " s"
                    : phrase;
        }
        return state.name();
    }

    private static String count(long records) {
        if (records >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", records / 1e6);
        }
        if (records >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", records / 1e3);
        }
        return Long.toString(records);
    }
}

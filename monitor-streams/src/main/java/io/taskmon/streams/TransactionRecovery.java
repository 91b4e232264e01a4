package io.taskmon.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recovery step monitor-streams takes before it starts: finishes the transactions a crash
 * left hanging on its topics (see {@link HangingTransactions}) the way their coordinator
 * decided, one log line for each, so that its restore, its committed offsets and the
 * projector's reads are not held back for good. Committed ones are finished by
 * {@link DroppedCommit}, aborted ones by an abort marker; one whose outcome its coordinator no
 * longer knows is aborted only while its consumer offsets are open too, so that its inputs are
 * read again; otherwise it is reported.
 *
 * <p>It waits while a coordinator is still writing a transaction's markers (as it does right
 * after a broker restart), up to {@link #SETTLE_BOUND}; a transaction still ongoing belongs to
 * a producer that is alive or will be fenced by its successor, and is left to its coordinator.
 * Before anything is written, the transaction is read again on its partitions: one that its
 * coordinator completed in the meantime is not touched.
 */
final class TransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRecovery.class);
    static final Duration SETTLE_BOUND = Duration.ofSeconds(30);
    private static final Duration RECHECK = Duration.ofMillis(500);

    private final Properties adminProperties = new Properties();
    private final Predicate<String> ownTopic;
    private final DroppedCommit droppedCommit;
    private final String groupId;
    private final CommittedOffsetsCheck offsetsCheck;

    TransactionRecovery(String bootstrapServers, Map<String, String> kafkaClient, String groupId,
                        Predicate<String> ownTopic) {
        this.droppedCommit = new DroppedCommit(bootstrapServers, kafkaClient, groupId);
        adminProperties.putAll(kafkaClient);
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "taskmon-monitor-streams-recovery");
        this.ownTopic = ownTopic;
        this.groupId = groupId;
        this.offsetsCheck = new CommittedOffsetsCheck(bootstrapServers, kafkaClient, groupId, ownTopic);
    }

    /**
     * Ends what hangs; returns how many transactions it ended. A broker that does not answer
     * yet (partitions without a leader right after it starts) is asked again, up to the bound;
     * after that the start goes on, with a warning.
     */
    int run() {
        long deadline = System.nanoTime() + SETTLE_BOUND.toNanos();
        int ended = 0;
        try (Admin admin = Admin.create(adminProperties)) {
            HangingTransactions transactions = new HangingTransactions(admin, ownTopic, groupId);
            while (true) {
                String unsettled;
                try {
                    Pass pass = endWhatHangs(transactions);
                    ended += pass.ended();
                    if (!pass.completing()) {
                        offsetsCheck.warnIfHeld(pass.ongoing());
                        return ended;
                    }
                    unsettled = "a transaction coordinator is still completing transactions on taskmon's topics";
                } catch (Exception e) {
                    unsettled = "could not look for hanging transactions (" + e + ")";
                }
                if (System.nanoTime() > deadline) {
                    LOG.warn("monitor-streams: recovery: {} after {} s; going on", unsettled, SETTLE_BOUND.toSeconds());
                    return ended;
                }
                Thread.sleep(RECHECK.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ended;
    }

    /** What one look found and did: how many it ended, whether some are still being completed, which are ongoing. */
    private record Pass(int ended, boolean completing, List<HangingTransactions.OpenTransaction> ongoing) {}

    private Pass endWhatHangs(HangingTransactions transactions) throws Exception {
        int ended = 0;
        boolean completing = false;
        List<HangingTransactions.OpenTransaction> ongoing = new ArrayList<>();
        for (var entry : transactions.find().entrySet()) {
            HangingTransactions.OpenTransaction transaction = entry.getKey();
            HangingTransactions.Verdict verdict = entry.getValue();
            switch (verdict.view()) {
                case DROPPED_AFTER_COMMIT -> ended += commit(transactions, transaction, verdict.transactionalId());
                case DROPPED_AFTER_ABORT -> ended += abort(transactions, transaction, "its coordinator aborted");
                case DROPPED -> ended += abortIfOffsetsOpen(transactions, transaction);
                case COMPLETING -> completing = true;
                case ONGOING -> ongoing.add(transaction);
            }
        }
        return new Pass(ended, completing, ongoing);
    }

    private int commit(HangingTransactions transactions, HangingTransactions.OpenTransaction transaction,
                       String transactionalId) throws Exception {
        if (!transactions.stillOpen(transaction)) {
            return 0;
        }
        droppedCommit.complete(transaction, transactionalId);
        if (transactions.stillOpen(transaction)) {
            LOG.error("monitor-streams: recovery: {}, which its coordinator committed but whose markers were dropped at a"
                    + " crash, is still open after committing it again as {}", transaction.describe(), transactionalId);
            return 0;
        }
        LOG.warn("monitor-streams: recovery: committed {}, which its coordinator committed but whose markers were"
                + " dropped at a crash", transaction.describe());
        return 1;
    }

    private int abort(HangingTransactions transactions, HangingTransactions.OpenTransaction transaction, String why)
            throws Exception {
        if (!transactions.stillOpen(transaction)) {
            return 0;
        }
        transactions.abort(transaction);
        LOG.warn("monitor-streams: recovery: aborted {} ({}; its markers were dropped at a crash)",
                transaction.describe(), why);
        return 1;
    }

    /** An outcome its coordinator no longer knows: aborting is safe only while its offsets go with it. */
    private int abortIfOffsetsOpen(HangingTransactions transactions, HangingTransactions.OpenTransaction transaction)
            throws Exception {
        if (transaction.holdsOffsets()) {
            return abort(transactions, transaction, "its coordinator no longer knows it; its input offsets go with it,"
                    + " so its inputs are read again");
        }
        LOG.error("monitor-streams: recovery: {} is hanging and its coordinator no longer knows its outcome; its input"
                + " offsets are committed, so aborting it could lose its changes. It holds back reads on those"
                + " partitions until it is ended by hand (kafka-transactions.sh)", transaction.describe());
        return 0;
    }
}

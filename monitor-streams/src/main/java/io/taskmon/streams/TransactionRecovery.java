package io.taskmon.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recovery step monitor-streams takes before it starts: ends the transactions a crash left
 * hanging on its topics (see {@link HangingTransactions}), one log line for each, so that its
 * restore, its committed offsets and the projector's reads are not held back for good.
 *
 * <p>It waits while a coordinator is still writing a transaction's markers (as it does right
 * after a broker restart), up to {@link #SETTLE_BOUND}; a transaction still ongoing belongs to
 * a producer that is alive or will be fenced by its successor, and is left to its coordinator.
 * Before anything is aborted, the transaction is read again on its partitions: one that its
 * coordinator completed in the meantime is not touched.
 */
final class TransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRecovery.class);
    static final Duration SETTLE_BOUND = Duration.ofSeconds(30);
    private static final Duration RECHECK = Duration.ofMillis(500);

    private final Properties adminProperties = new Properties();
    private final Predicate<String> ownTopic;

    TransactionRecovery(String bootstrapServers, Map<String, String> kafkaClient, Predicate<String> ownTopic) {
        adminProperties.putAll(kafkaClient);
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "taskmon-monitor-streams-recovery");
        this.ownTopic = ownTopic;
    }

    /** Ends what hangs; returns how many transactions it aborted. Failing to ask the broker is logged, not thrown. */
    int run() {
        long deadline = System.nanoTime() + SETTLE_BOUND.toNanos();
        int aborted = 0;
        try (Admin admin = Admin.create(adminProperties)) {
            HangingTransactions transactions = new HangingTransactions(admin, ownTopic);
            while (true) {
                Map<HangingTransactions.OpenTransaction, HangingTransactions.CoordinatorView> found = transactions.find();
                boolean completing = false;
                for (var entry : found.entrySet()) {
                    switch (entry.getValue()) {
                        case DROPPED -> aborted += abortIfSafe(transactions, entry.getKey());
                        case COMPLETING -> completing = true;
                        case ONGOING -> { }
                    }
                }
                if (!completing) {
                    return aborted;
                }
                if (System.nanoTime() > deadline) {
                    LOG.warn("monitor-streams: recovery: a transaction coordinator is still completing transactions"
                            + " on taskmon's topics after {} s; going on", SETTLE_BOUND.toSeconds());
                    return aborted;
                }
                Thread.sleep(RECHECK.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("monitor-streams: recovery: could not look for hanging transactions ({}); going on", e.toString());
        }
        return aborted;
    }

    private int abortIfSafe(HangingTransactions transactions, HangingTransactions.OpenTransaction transaction)
            throws Exception {
        if (!transactions.stillOpen(transaction)) {
            return 0;
        }
        if (!transaction.holdsOffsets()) {
            // Its input offsets are committed: aborting the rest would lose what it changed.
            LOG.error("monitor-streams: recovery: {} is hanging (its coordinator dropped it) but its input offsets"
                    + " are committed, so aborting it would lose its changes; it holds back reads on those"
                    + " partitions until it is ended by hand (kafka-transactions.sh)", transaction.describe());
            return 0;
        }
        transactions.abort(transaction);
        LOG.warn("monitor-streams: recovery: aborted {}, which its coordinator dropped at a crash; its inputs will be"
                + " read again", transaction.describe());
        return 1;
    }
}

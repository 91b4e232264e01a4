package io.taskmon.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;

/**
 * Finds hanging transactions on taskmon's partitions and on its group's consumer offsets:
 * transactions still open on a partition that their coordinator no longer tracks, so that
 * nothing will ever end them; says how their coordinator ended them, and aborts them when that
 * is the right end.
 *
 * <p>An open transaction holds back the last stable offset of each of its partitions, and
 * everything taskmon reads, it reads {@code read_committed}: Streams restoring a changelog,
 * Streams fetching its committed offsets, the projector reading the outputs. A hanging one
 * stops all of them for good. The way this happens to taskmon: the process is killed (broker
 * and all) while a commit is between its coordinator's decision and the markers on the
 * partitions; on restart the coordinator resends the markers while the broker is still fenced
 * and its partitions have no leader, and Kafka 4.3 takes such partitions for deleted and skips
 * them (KAFKA-20734). This is the check {@code kafka-transactions.sh find-hanging} makes.
 */
final class HangingTransactions {

    private static final long CALL_TIMEOUT_SECONDS = 10;
    /** Coordinator states in which the coordinator is writing the transaction's markers. */
    private static final Set<TransactionState> COMPLETING_STATES = Set.of(TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private final Admin admin;
    private final Predicate<String> ownTopic;
    private final String groupId;

    /**
     * @param ownTopic which topics are taskmon's to look after
     * @param groupId the consumer group whose offsets are looked after too: its partition of the
     *                consumer offsets topic, where a transaction may stay open after its markers
     *                reached every other partition
     */
    HangingTransactions(Admin admin, Predicate<String> ownTopic, String groupId) {
        this.admin = admin;
        this.ownTopic = ownTopic;
        this.groupId = groupId;
    }

    /** One producer's transaction, open on these partitions from these offsets. */
    record OpenTransaction(long producerId, int producerEpoch, int coordinatorEpoch,
                           Map<TopicPartition, Long> startOffsets) {

        boolean holdsOffsets() {
            return startOffsets.keySet().stream().anyMatch(p -> p.topic().equals(Topic.GROUP_METADATA_TOPIC_NAME));
        }

        String describe() {
            return "the transaction of producer " + producerId + " (epoch " + producerEpoch + ") open on "
                    + startOffsets.size() + " partitions since offsets " + startOffsets;
        }
    }

    /** What the coordinator of an open transaction says about it. */
    enum CoordinatorView {
        /** Still ongoing: its producer's successor or its timeout will end it. */
        ONGOING,
        /** Decided and being completed: its markers are on their way. */
        COMPLETING,
        /** Committed by its coordinator, whose markers never reached these partitions. */
        DROPPED_AFTER_COMMIT,
        /** Aborted by its coordinator, whose markers never reached these partitions. */
        DROPPED_AFTER_ABORT,
        /** Not tracked any more, and its outcome no longer known. */
        DROPPED
    }

    /** The coordinator's view of an open transaction, with its transactional id when known. */
    record Verdict(CoordinatorView view, String transactionalId) {}

    /**
     * The open transactions that touch taskmon's topics or the group's offsets, each with what
     * its coordinator says of it.
     */
    Map<OpenTransaction, Verdict> find() throws Exception {
        Map<OpenTransaction, Verdict> found = new HashMap<>();
        Collection<TopicPartition> partitions = partitionsToLookAt();
        TopicPartition groupOffsets = groupOffsetsPartition(partitions);
        for (OpenTransaction transaction : open(partitions)) {
            if (transaction.startOffsets().keySet().stream()
                    .anyMatch(p -> ownTopic.test(p.topic()) || p.equals(groupOffsets))) {
                found.put(transaction, coordinatorView(transaction));
            }
        }
        return found;
    }

    /** The partition of the consumer offsets topic that holds the group's offsets: where its coordinator keeps them. */
    private TopicPartition groupOffsetsPartition(Collection<TopicPartition> partitions) {
        long offsetsPartitions = partitions.stream()
                .filter(p -> p.topic().equals(Topic.GROUP_METADATA_TOPIC_NAME)).count();
        if (offsetsPartitions == 0) {
            return null;
        }
        return new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, Utils.abs(groupId.hashCode()) % (int) offsetsPartitions);
    }

    /** True if the transaction is still open, from the same offsets, on every one of its partitions. */
    boolean stillOpen(OpenTransaction transaction) throws Exception {
        return open(transaction.startOffsets().keySet()).contains(transaction);
    }

    private List<OpenTransaction> open(Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, PartitionProducerState> states = get(admin.describeProducers(partitions).all());
        Map<String, OpenTransaction> open = new HashMap<>();
        states.forEach((partition, state) -> {
            for (ProducerState producer : state.activeProducers()) {
                if (producer.currentTransactionStartOffset().isPresent()) {
                    open.computeIfAbsent(producer.producerId() + "/" + producer.producerEpoch(),
                            key -> new OpenTransaction(producer.producerId(), producer.producerEpoch(),
                                    producer.coordinatorEpoch().orElse(-1), new HashMap<>()))
                            .startOffsets().put(partition, producer.currentTransactionStartOffset().getAsLong());
                }
            }
        });
        return List.copyOf(open.values());
    }

    private Collection<TopicPartition> partitionsToLookAt() throws Exception {
        Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        List<String> wanted = topics.stream()
                .filter(topic -> ownTopic.test(topic) || topic.equals(Topic.GROUP_METADATA_TOPIC_NAME))
                .toList();
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(wanted).allTopicNames());
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(description -> description.partitions().forEach(
                partition -> partitions.add(new TopicPartition(description.name(), partition.partition()))));
        return partitions;
    }

    private Verdict coordinatorView(OpenTransaction transaction) throws Exception {
        Collection<TransactionListing> listings = get(admin.listTransactions(
                new ListTransactionsOptions().filterProducerIds(Set.of(transaction.producerId()))).all());
        for (TransactionListing listing : listings) {
            TransactionDescription description = get(admin.describeTransactions(Set.of(listing.transactionalId()))
                    .description(listing.transactionalId()));
            if (description.producerId() != transaction.producerId()) {
                continue;
            }
            // A coordinator bumps the epoch once when it prepares to end a transaction (transactions
            // v2); a state at the same or the next epoch is this transaction's, a later one is not.
            boolean thisOne = description.producerEpoch() <= transaction.producerEpoch() + 1;
            boolean lists = description.topicPartitions().stream().anyMatch(transaction.startOffsets()::containsKey);
            TransactionState state = description.state();
            CoordinatorView view;
            if (thisOne && lists && state == TransactionState.ONGOING) {
                view = CoordinatorView.ONGOING;
            } else if (thisOne && lists && COMPLETING_STATES.contains(state)) {
                view = CoordinatorView.COMPLETING;
            } else if (thisOne && state == TransactionState.COMPLETE_COMMIT) {
                view = CoordinatorView.DROPPED_AFTER_COMMIT;
            } else if (thisOne && state == TransactionState.COMPLETE_ABORT) {
                view = CoordinatorView.DROPPED_AFTER_ABORT;
            } else {
                view = CoordinatorView.DROPPED;
            }
            return new Verdict(view, listing.transactionalId());
        }
        return new Verdict(CoordinatorView.DROPPED, null);
    }

    /** Writes, on every partition where the transaction is open, the abort marker that its coordinator never will. */
    void abort(OpenTransaction transaction) throws Exception {
        for (TopicPartition partition : transaction.startOffsets().keySet()) {
            get(admin.abortTransaction(new AbortTransactionSpec(partition, transaction.producerId(),
                    (short) transaction.producerEpoch(), transaction.coordinatorEpoch())).all());
        }
    }

    private static <T> T get(KafkaFuture<T> future) throws Exception {
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("the broker did not answer within " + CALL_TIMEOUT_SECONDS + " s");
        }
    }
}

package io.taskmon.notifier;

import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every delivery stands: the latest record per delivery id. Rebuilt at start from
 * {@link Topics#NOTIFICATIONS}, which is how a restarted notifier knows which deliveries it
 * still owes and which are finished.
 */
public final class DeliveryLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLedger.class);

    private final Map<UUID, Delivery> latest = new ConcurrentHashMap<>();
    /** The ids of held deliveries, so checking holds does not walk every delivery ever made. */
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();

    /**
     * Records the delivery unless one with its id is known. True when it was new: two copies of an
     * alert (a redelivery after a crash before the offset commit) make one delivery.
     */
    public boolean addIfNew(Delivery delivery) {
        boolean added = latest.putIfAbsent(delivery.deliveryId(), delivery) == null;
        if (added) {
            indexHeld(delivery);
        }
        return added;
    }

    public void update(Delivery delivery) {
        latest.put(delivery.deliveryId(), delivery);
        indexHeld(delivery);
    }

    public void forget(UUID deliveryId) {
        latest.remove(deliveryId);
        held.remove(deliveryId);
    }

    private void indexHeld(Delivery delivery) {
        if (delivery.state() == DeliveryState.HELD) {
            held.add(delivery.deliveryId());
        } else {
            held.remove(delivery.deliveryId());
        }
    }

    public Optional<Delivery> get(UUID deliveryId) {
        return Optional.ofNullable(latest.get(deliveryId));
    }

    /** Deliveries due for attempts: owed or retrying, not held and not finished. */
    public List<Delivery> owed() {
        return latest.values().stream()
                .filter(d -> !d.state().isFinal() && d.state() != DeliveryState.HELD).toList();
    }

    /** Deliveries held while their monitor is muted. */
    public List<Delivery> held() {
        return held.stream().map(latest::get).filter(d -> d != null && d.state() == DeliveryState.HELD).toList();
    }

    public int size() {
        return latest.size();
    }

    /** Reads the notifications topic from its start to its current end. */
    public static DeliveryLedger rebuild(String bootstrapServers, Map<String, String> kafkaClient, Duration timeout) {
        DeliveryLedger ledger = new DeliveryLedger();
        var props = KafkaClients.consumer(bootstrapServers, kafkaClient);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<UUID, Delivery> consumer = new KafkaConsumer<>(props,
                Topics.NOTIFICATIONS.keySerde().deserializer(), Topics.NOTIFICATIONS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            Set<TopicPartition> remaining = ConcurrentHashMap.newKeySet();
            end.forEach((tp, offset) -> {
                if (offset > 0) {
                    remaining.add(tp);
                }
            });
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.NOTIFICATIONS.name() + " within "
                            + timeout.toSeconds() + " s, so what is owed is unknown");
                }
                try {
                    for (ConsumerRecord<UUID, Delivery> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() != null) {
                            ledger.update(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.warn("Skipping unreadable delivery record at {} offset {}: {}", e.topicPartition(), e.offset(),
                            e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                for (TopicPartition tp : new ArrayList<>(remaining)) {
                    if (consumer.position(tp) >= end.get(tp)) {
                        remaining.remove(tp);
                    }
                }
            }
        }
        return ledger;
    }
}

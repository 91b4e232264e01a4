package io.taskmon.notifier;

import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what the notifier recorded on the notifications topic. */
final class DeliverySteps {

    private DeliverySteps() {
    }

    /** Every step of one delivery, in order. */
    static List<Delivery> of(String bootstrap, UUID deliveryId) {
        return all(bootstrap).stream().filter(d -> d.deliveryId().equals(deliveryId)).toList();
    }

    static List<DeliveryState> states(String bootstrap, UUID deliveryId) {
        return of(bootstrap, deliveryId).stream().map(Delivery::state).toList();
    }

    static List<Delivery> all(String bootstrap) {
        try (KafkaConsumer<UUID, Delivery> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.NOTIFICATIONS.keySerde().deserializer(), Topics.NOTIFICATIONS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Delivery> steps = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> steps.add(r.value()));
            }
            return steps;
        }
    }
}

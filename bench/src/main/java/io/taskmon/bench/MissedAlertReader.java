package io.taskmon.bench;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every alert as the notifier would ({@code read_committed}, from the start of the topic)
 * and keeps each MISSED alert with the moment it was read, on this JVM's monotonic clock.
 */
final class MissedAlertReader implements AutoCloseable {

    /** A MISSED alert: which monitor, the deadline it names, when it was read ({@link System#nanoTime()}). */
    record Missed(UUID monitorId, Instant deadline, long readNanos) {
    }

    private final List<Missed> missed = new ArrayList<>();
    private final Map<AlertType, Long> otherAlerts = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    MissedAlertReader(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // An alert is read the moment its transaction commits, not up to half a second later.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        KafkaConsumer<UUID, Alert> consumer = new KafkaConsumer<>(props, Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
        List<TopicPartition> parts = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        thread = new Thread(() -> read(consumer), "bench-missed-alert-reader");
        thread.start();
    }

    private void read(KafkaConsumer<UUID, Alert> consumer) {
        try (consumer) {
            while (!stop.get()) {
                for (ConsumerRecord<UUID, Alert> record : consumer.poll(Duration.ofMillis(50))) {
                    long readAt = System.nanoTime();
                    if (record.value().type() == AlertType.MISSED) {
                        synchronized (missed) {
                            missed.add(new Missed(record.value().monitorId(), record.value().firstFailureAt(), readAt));
                        }
                    } else {
                        otherAlerts.merge(record.value().type(), 1L, Long::sum);
                    }
                }
            }
        }
    }

    List<Missed> missed() {
        synchronized (missed) {
            return List.copyOf(missed);
        }
    }

    int missedCount() {
        synchronized (missed) {
            return missed.size();
        }
    }

    /** Alerts of every other type, by type. */
    Map<AlertType, Long> otherAlerts() {
        return Map.copyOf(otherAlerts);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join();
    }
}

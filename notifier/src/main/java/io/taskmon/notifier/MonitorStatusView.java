package io.taskmon.notifier;

import io.taskmon.events.AlertState;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the notifier needs of each monitor's latest status, for dependencies: which monitors it
 * depends on, and whether it has an alert open. The compacted {@link Topics#MONITOR_STATUS} read
 * from its start and followed, outside any consumer group, as every instance needs all of it.
 */
public final class MonitorStatusView implements MonitorDependencies, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorStatusView.class);

    /** The part of a status dependencies need, so the view stays small with many monitors. */
    private record Known(String taskKey, boolean alertOpen, List<UUID> dependsOn) {
    }

    private final KafkaConsumer<UUID, MonitorStatus> consumer;
    private final Map<UUID, Known> monitors = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> endAtStart;
    private final Thread follower;
    private volatile boolean running = true;

    public MonitorStatusView(String bootstrapServers, Map<String, String> kafkaClient) {
        var props = KafkaClients.consumer(bootstrapServers, kafkaClient);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, Topics.MONITOR_STATUS.keySerde().deserializer(),
                Topics.MONITOR_STATUS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MONITOR_STATUS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = new ConcurrentHashMap<>(consumer.endOffsets(partitions));
        follower = new Thread(this::follow, "notifier-monitor-status-view");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<UUID, MonitorStatus> record : consumer.poll(Duration.ofMillis(200))) {
                        apply(record.key(), record.value());
                    }
                } catch (RecordDeserializationException e) {
                    LOG.warn("Skipping unreadable monitor status at {} offset {}: {}", e.topicPartition(), e.offset(),
                            e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                endAtStart.keySet().removeIf(tp -> consumer.position(tp) >= endAtStart.get(tp));
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(UUID monitorId, MonitorStatus status) {
        if (monitorId == null) {
            return;
        }
        if (status == null) {
            monitors.remove(monitorId);
            return;
        }
        List<UUID> dependsOn = status.monitorConfig() == null || status.monitorConfig().dependsOn() == null
                ? List.of() : status.monitorConfig().dependsOn();
        monitors.put(monitorId, new Known(status.taskKey(), status.alertState() == AlertState.ALERTING, dependsOn));
    }

    /** Waits until what was on the topic at the start has been read; false at the timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!endAtStart.isEmpty()) {
            if (System.nanoTime() > deadline || !running) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    @Override
    public Optional<String> downDependency(UUID monitorId) {
        Known monitor = monitorId == null ? null : monitors.get(monitorId);
        if (monitor == null) {
            return Optional.empty();
        }
        for (UUID dependency : monitor.dependsOn()) {
            Known depended = monitors.get(dependency);
            if (depended != null && depended.alertOpen()) {
                return Optional.of("monitor " + depended.taskKey() + " (" + dependency
                        + "), which it depends on, has an alert open");
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

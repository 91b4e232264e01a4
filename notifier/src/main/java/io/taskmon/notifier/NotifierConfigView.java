package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.MonitorMute;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.Route;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
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
 * The channels, routes, monitor mutes and maintenance windows as they stand: the compacted configuration topic read from its start
 * and then followed, held in memory. Both the notifier (which routes by it) and the admin API
 * (which answers from it) keep one. It reads every partition itself, outside any consumer group,
 * because every instance needs the whole configuration.
 */
public final class NotifierConfigView implements NotifierConfig, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierConfigView.class);

    private final KafkaConsumer<String, NotifierSetting> consumer;
    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final Map<UUID, Route> routes = new ConcurrentHashMap<>();
    private final Map<UUID, MonitorMute> mutes = new ConcurrentHashMap<>();
    private final Map<UUID, MaintenanceWindow> windows = new ConcurrentHashMap<>();
    /** The next offset to read per partition: what the view has seen. */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Map<Integer, Long> endAtStart;
    private final Thread follower;
    private volatile boolean running = true;

    public NotifierConfigView(String bootstrapServers, Map<String, String> kafkaClient) {
        var props = KafkaClients.consumer(bootstrapServers, kafkaClient);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, Topics.NOTIFIER_CONFIG.keySerde().deserializer(),
                Topics.NOTIFIER_CONFIG.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFIER_CONFIG.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endAtStart = new ConcurrentHashMap<>();
        consumer.endOffsets(partitions).forEach((tp, end) -> endAtStart.put(tp.partition(), end));
        partitions.forEach(tp -> positions.put(tp.partition(), 0L));
        follower = new Thread(this::follow, "notifier-config-view");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, NotifierSetting> record : consumer.poll(Duration.ofMillis(200))) {
                        apply(record.key(), record.value());
                    }
                } catch (RecordDeserializationException e) {
                    LOG.warn("Skipping unreadable notifier setting at {} offset {}: {}", e.topicPartition(),
                            e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
                for (TopicPartition partition : consumer.assignment()) {
                    positions.put(partition.partition(), consumer.position(partition));
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(String key, NotifierSetting setting) {
        if (key == null) {
            return;
        }
        try {
            if (key.startsWith("channel:")) {
                put(channels, idAfter("channel:", key), setting == null ? null : setting.channel());
            } else if (key.startsWith("route:")) {
                put(routes, idAfter("route:", key), setting == null ? null : setting.route());
            } else if (key.startsWith("mute:")) {
                put(mutes, idAfter("mute:", key), setting == null ? null : setting.mute());
            } else if (key.startsWith("window:")) {
                put(windows, idAfter("window:", key), readable(setting == null ? null : setting.maintenanceWindow()));
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping notifier setting with an unreadable key '{}': {}", key, e.getMessage());
        }
    }

    /** A window whose cron or zone cannot be evaluated is left out, so it cannot stop the routing of alerts. */
    private static MaintenanceWindow readable(MaintenanceWindow window) {
        if (window == null) {
            return null;
        }
        try {
            window.openUntil(Instant.now());
            return window;
        } catch (RuntimeException e) {
            LOG.warn("Ignoring maintenance window {} that cannot be evaluated: {}", window.windowId(), e.getMessage());
            return null;
        }
    }

    private static UUID idAfter(String prefix, String key) {
        return UUID.fromString(key.substring(prefix.length()));
    }

    /** A setting of another kind under the key counts as a deletion, as a tombstone does. */
    private static <T> void put(Map<UUID, T> items, UUID id, T value) {
        if (value == null) {
            items.remove(id);
        } else {
            items.put(id, value);
        }
    }

    /** Whether everything on the topic when the view was made has been read. */
    public boolean isCaughtUp() {
        return endAtStart.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Waits until the view has read the record at {@code offset} of {@code partition}; false at the timeout. */
    public boolean awaitRead(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.getOrDefault(partition, 0L) <= offset) {
            if (System.nanoTime() > deadline || !running) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /** Waits until {@link #isCaughtUp()}; false at the timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isCaughtUp()) {
            if (System.nanoTime() > deadline || !running) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    @Override
    public Optional<Channel> channel(UUID channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    public Optional<Route> route(UUID routeId) {
        return Optional.ofNullable(routes.get(routeId));
    }

    /** Every channel, by name. */
    public List<Channel> channels() {
        return sortedByName(channels.values(), Channel::name);
    }

    /** Every route, by name. */
    @Override
    public List<Route> routes() {
        return sortedByName(routes.values(), Route::name);
    }

    @Override
    public Optional<MonitorMute> mute(UUID monitorId) {
        return Optional.ofNullable(mutes.get(monitorId));
    }

    /** Every monitor mute, the latest end first. */
    public List<MonitorMute> mutes() {
        return mutes.values().stream().sorted(Comparator.comparing(MonitorMute::until).reversed()).toList();
    }

    public Optional<MaintenanceWindow> maintenanceWindow(UUID windowId) {
        return Optional.ofNullable(windows.get(windowId));
    }

    /** Every maintenance window, by name. */
    @Override
    public List<MaintenanceWindow> maintenanceWindows() {
        return sortedByName(windows.values(), MaintenanceWindow::name);
    }

    private static <T> List<T> sortedByName(Collection<T> items, java.util.function.Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
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

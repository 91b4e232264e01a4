package io.taskmon.notifier;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorMute;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.Route;
import io.taskmon.events.RouteMatch;
import io.taskmon.events.Topics;
import io.taskmon.notifier.admin.NotifierConfigPublisher;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts, channels and routes put on the shared broker's topics, as monitor-streams and the admin API would. */
final class TestAlerts implements AutoCloseable {

    final String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    private final KafkaProducer<UUID, Alert> alerts = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
            Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
    private final NotifierConfigPublisher config = new NotifierConfigPublisher(bootstrap, Duration.ofSeconds(10), Map.of());

    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Settings for a notifier of its own in a test: fast retries, short timeouts. */
    static NotifierSettings notifierSettings(String bootstrap, String group) {
        return new NotifierSettings(bootstrap, group,
                new SmtpSettings(null, 25, null, null, SmtpSettings.DEFAULT_FROM, false),
                new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(2)),
                Duration.ofSeconds(1), "http://dashboard.example:8080", Map.of());
    }

    /** A webhook channel sending each alert alone, as most tests count requests per alert. */
    Channel webhook(String name, String url, String secret) {
        return webhook(name, url, secret, 0);
    }

    Channel webhook(String name, String url, String secret, int groupSeconds) {
        Channel channel = new Channel(UUID.randomUUID(), name, ChannelType.WEBHOOK, null, url, secret, Instant.now(),
                groupSeconds);
        config.publish(NotifierSetting.keyOf(channel), NotifierSetting.of(channel));
        return channel;
    }

    Channel email(String name, List<String> to) {
        return email(name, to, 0);
    }

    Channel email(String name, List<String> to, int groupSeconds) {
        Channel channel = new Channel(UUID.randomUUID(), name, ChannelType.EMAIL, to, null, null, Instant.now(),
                groupSeconds);
        config.publish(NotifierSetting.keyOf(channel), NotifierSetting.of(channel));
        return channel;
    }

    /** A route taking the task keys that start with {@code prefix}: each test keeps to its own tasks. */
    Route route(String prefix, Channel... channels) {
        Route route = new Route(UUID.randomUUID(), prefix, new RouteMatch(List.of(), List.of(), prefix + "*", null),
                java.util.Arrays.stream(channels).map(Channel::channelId).toList(), Instant.now());
        config.publish(NotifierSetting.keyOf(route), NotifierSetting.of(route));
        return route;
    }

    /** Snoozes the monitor of {@code taskKey} (kind bat on WEB-01, as the alerts here) until {@code until}. */
    MonitorMute mute(String taskKey, Instant until) {
        MonitorMute mute = new MonitorMute(MonitorId.of(taskKey, "bat", "WEB-01"), until, Instant.now());
        config.publish(NotifierSetting.keyOf(mute), NotifierSetting.of(mute));
        return mute;
    }

    void unmute(String taskKey) {
        config.publish(NotifierSetting.muteKey(MonitorId.of(taskKey, "bat", "WEB-01")), null);
    }

    /** A maintenance window over the tasks whose keys start with {@code prefix}. */
    MaintenanceWindow window(String name, String prefix, String cron, Duration duration, String timezone) {
        MaintenanceWindow window = new MaintenanceWindow(UUID.randomUUID(), name,
                new RouteMatch(List.of(), List.of(), prefix + "*", null), cron, duration.toSeconds(), timezone,
                Instant.now());
        config.publish(NotifierSetting.keyOf(window), NotifierSetting.of(window));
        return window;
    }

    /** Any setting under any key, as a broken or foreign producer could write it. */
    void setting(String key, NotifierSetting setting) {
        config.publish(key, setting);
    }

    Alert failing(String taskKey, String taskName) {
        return alert(AlertType.FAILING, taskKey, taskName, UUID.randomUUID());
    }

    Alert alert(AlertType type, String taskKey, String taskName, UUID alertId) {
        UUID monitorId = MonitorId.of(taskKey, "bat", "WEB-01");
        Instant now = Instant.now();
        Alert alert = new Alert(Alert.SCHEMA_VERSION, alertId, type, monitorId, null, taskKey, taskName, "bat",
                "WEB-01", null, 3, 3, now.minusSeconds(600), now, "取込失敗: 接続タイムアウト", 1, null, now,
                taskName + " failed 3 times in a row");
        try {
            alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), monitorId, alert)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return alert;
    }

    /** The RECOVERED alert that closes {@code resolves}, as monitor-streams raises it after a success. */
    Alert recovered(String taskKey, String taskName, UUID resolves) {
        UUID monitorId = MonitorId.of(taskKey, "bat", "WEB-01");
        Instant now = Instant.now();
        Alert alert = new Alert(Alert.SCHEMA_VERSION, UUID.randomUUID(), AlertType.RECOVERED, monitorId, null, taskKey,
                taskName, "bat", "WEB-01", null, 0, 3, now.minusSeconds(600), null, null, null, resolves, now,
                taskName + " recovered");
        try {
            alerts.send(new ProducerRecord<>(Topics.ALERTS.name(), monitorId, alert)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return alert;
    }

    Channel channel(String name, ChannelType type, String url, String secret) {
        return channel(name, type, url, secret, 0);
    }

    /** {@code groupSeconds} 0 or null: each alert alone. */
    Channel channel(String name, ChannelType type, String url, String secret, Integer groupSeconds) {
        Channel channel = new Channel(UUID.randomUUID(), name, type, null, url, secret, Instant.now(), groupSeconds);
        config.publish(NotifierSetting.keyOf(channel), NotifierSetting.of(channel));
        return channel;
    }

    @Override
    public void close() {
        alerts.close();
        config.close();
    }
}

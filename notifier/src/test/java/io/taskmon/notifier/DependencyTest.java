package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A monitor that depends on another, on a real broker: while the one it depends on has an alert
 * open (as monitor-streams records it in the monitor status), its alerts are recorded as
 * suppressed with that cause and not sent; once that alert is closed, they are sent again.
 */
class DependencyTest {

    @Test
    void shouldSuppressAlertsOfAMonitorWhileOneItDependsOnIsDown() throws Exception {
        String prefix = "dep_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        String secret = TestAlerts.newSecret();
        String database = prefix + "database_backup";
        String report = prefix + "nightly_report";
        UUID databaseId = MonitorId.of(database, "bat", "WEB-01");
        UUID reportId = MonitorId.of(report, "bat", "WEB-01");
        try (TestAlerts topics = new TestAlerts(); WebhookReceiver receiver = new WebhookReceiver(secret);
             KafkaProducer<UUID, MonitorStatus> statuses = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()),
                     Topics.MONITOR_STATUS.keySerde().serializer(), Topics.MONITOR_STATUS.valueSerde().serializer())) {
            receiver.answer(n -> WebhookReceiver.Answer.status(200));
            Channel hook = topics.webhook("dependencies", receiver.url(), secret);
            topics.route(prefix, hook);
            statuses.send(new ProducerRecord<>(Topics.MONITOR_STATUS.name(), databaseId,
                    status(databaseId, database, AlertState.ALERTING, null))).get();
            statuses.send(new ProducerRecord<>(Topics.MONITOR_STATUS.name(), reportId,
                    status(reportId, report, AlertState.ALERTING, List.of(databaseId)))).get();

            try (Notifier notifier = new Notifier(TestAlerts.notifierSettings(topics.bootstrap,
                    "dependency-test-" + UUID.randomUUID()))) {
                notifier.start();
                await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
                await().atMost(Duration.ofSeconds(10)).until(() -> !notifier.configView().routes().isEmpty()
                        && notifier.monitorDependencies().downDependency(reportId).isPresent());

                Alert databaseDown = topics.failing(database, "DB バックアップ");
                Alert reportFailing = topics.failing(report, "日次レポート");
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.taken(id(databaseDown, hook)) == 1
                        && states(topics, reportFailing, hook).equals(List.of(DeliveryState.SUPPRESSED)));
                assertThat(DeliverySteps.of(topics.bootstrap, Delivery.idOf(reportFailing.alertId(), hook.channelId()))
                        .get(0).reason()).contains(database).contains("depends on");
                Alert reportRecovered = topics.recovered(report, "日次レポート", reportFailing.alertId());
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        states(topics, reportRecovered, hook).equals(List.of(DeliveryState.SUPPRESSED)));
                assertThat(receiver.taken(id(reportFailing, hook))).isZero();
                assertThat(receiver.taken(id(reportRecovered, hook))).isZero();

                statuses.send(new ProducerRecord<>(Topics.MONITOR_STATUS.name(), databaseId,
                        status(databaseId, database, AlertState.NONE, null))).get();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        notifier.monitorDependencies().downDependency(reportId).isEmpty());
                Alert reportAgain = topics.failing(report, "日次レポート");
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.taken(id(reportAgain, hook)) == 1);
                assertThat(receiver.received()).hasSize(2);
            }
        }
    }

    private static MonitorStatus status(UUID monitorId, String taskKey, AlertState alertState, List<UUID> dependsOn) {
        Instant now = Instant.now();
        MonitorConfig config = dependsOn == null ? null
                : new MonitorConfig(null, null, null, null, null, null, null, null, dependsOn);
        boolean open = alertState == AlertState.ALERTING;
        return new MonitorStatus(MonitorStatus.SCHEMA_VERSION, monitorId, taskKey, taskKey, "bat", "WEB-01",
                open ? RunStatus.FAILED : RunStatus.SUCCESS, UUID.randomUUID(), "run-1", now, now, 1000L,
                open ? 1 : 0, null, null, now, open ? null : now, open ? now : null, open ? 3 : 0, 3, open ? 3 : 0,
                open ? MonitorHealth.FAILING : MonitorHealth.UP, open ? now : null, 3, alertState,
                open ? UUID.randomUUID() : null, open ? now : null, true, null, config, null);
    }

    private static String id(Alert alert, Channel channel) {
        return Delivery.idOf(alert.alertId(), channel.channelId()).toString();
    }

    private static List<DeliveryState> states(TestAlerts topics, Alert alert, Channel channel) {
        return DeliverySteps.states(topics.bootstrap, Delivery.idOf(alert.alertId(), channel.channelId()));
    }
}

package io.taskmon.projector;

import static io.taskmon.events.Topics.NOTIFICATIONS;
import static io.taskmon.projector.Events.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import io.taskmon.events.RunStatus;
import io.taskmon.events.Topics;
import io.taskmon.projector.db.ProjectorOffsetDao.PartitionOffset;
import io.taskmon.readmodel.NotificationDeliveryDao;
import io.taskmon.readmodel.NotificationDeliveryRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code notification_deliveries}: each delivery's furthest step, whatever order the steps come in. */
class NotificationDeliveryProjectionTest {

    private static final Instant OWED_AT = Instant.parse("2026-12-01T03:00:00Z");
    private static final List<RefusedRecord> deadLetters = new CopyOnWriteArrayList<>();
    private static ReadModelDatabase db;
    private static ReadModelWriter writer;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("delivery_test");
        writer = new ReadModelWriter(db.jdbi, "delivery-test", deadLetters::addAll);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Alert alert(String taskKey) {
        return Events.failing(Events.run(taskKey, null, RunStatus.FAILED, "2026-12-01T02:59:00Z"), "2026-12-01T03:00:00Z");
    }

    private static Channel channel(String name) {
        return new Channel(UUID.randomUUID(), name, ChannelType.WEBHOOK, null, "https://hooks.example.com/x",
                null, OWED_AT);
    }

    /** owed, a failed attempt, then the channel took it. */
    private static List<Delivery> steps(Alert alert, Channel channel) {
        Delivery owed = Delivery.owed(alert, channel, OWED_AT);
        Delivery retrying = owed.retrying("HTTP 503 from hooks.example.com", OWED_AT.plusSeconds(30),
                OWED_AT.plusSeconds(1));
        Delivery delivered = retrying.delivered(OWED_AT.plusSeconds(31));
        return List.of(owed, retrying, delivered);
    }

    private static NotificationDeliveryRow stored(UUID deliveryId) {
        return db.jdbi.onDemand(NotificationDeliveryDao.class).ofAlert(
                        db.jdbi.withHandle(h -> h.createQuery("select alert_id from taskmon.notification_deliveries"
                                + " where delivery_id = :id").bind("id", deliveryId).mapTo(UUID.class).one()))
                .stream().filter(r -> r.deliveryId().equals(deliveryId)).findFirst().orElseThrow();
    }

    @Test
    void shouldFollowADeliveryStepByStepAndKeepItDeliveredWhenOlderStepsComeAgain() {
        Alert alert = alert("deliveries_in_order");
        Channel channel = channel("ops-hook");
        List<Delivery> steps = steps(alert, channel);
        UUID id = steps.get(0).deliveryId();

        writer.write(List.of(record(NOTIFICATIONS, 0, 10, id, steps.get(0))));
        assertThat(stored(id)).isEqualTo(new NotificationDeliveryRow(id, alert.alertId(), channel.channelId(),
                "ops-hook", "owed", 0, null, OWED_AT, OWED_AT, null, OWED_AT));

        writer.write(List.of(record(NOTIFICATIONS, 0, 11, id, steps.get(1))));
        assertThat(stored(id)).isEqualTo(new NotificationDeliveryRow(id, alert.alertId(), channel.channelId(),
                "ops-hook", "retrying", 1, "HTTP 503 from hooks.example.com", OWED_AT, OWED_AT.plusSeconds(30),
                null, OWED_AT.plusSeconds(1)));

        writer.write(List.of(record(NOTIFICATIONS, 0, 12, id, steps.get(2))));
        NotificationDeliveryRow delivered = new NotificationDeliveryRow(id, alert.alertId(), channel.channelId(),
                "ops-hook", "delivered", 2, null, OWED_AT, null, OWED_AT.plusSeconds(31), OWED_AT.plusSeconds(31));
        assertThat(stored(id)).isEqualTo(delivered);

        // A replay of the topic (a rebuild, or a batch read twice) brings the earlier steps again.
        writer.write(List.of(record(NOTIFICATIONS, 0, 13, id, steps.get(0)),
                record(NOTIFICATIONS, 0, 14, id, steps.get(1))));
        writer.write(List.of(record(NOTIFICATIONS, 0, 15, id, steps.get(2))));

        assertThat(stored(id)).isEqualTo(delivered);
        assertThat(db.count("select count(*) from taskmon.notification_deliveries where alert_id = '"
                + alert.alertId() + "'")).isEqualTo(1);
    }

    @Test
    void shouldKeepTheFurthestStepWhenStepsArriveOutOfOrderInOneBatchOrAcrossBatches() {
        Alert alert = alert("deliveries_out_of_order");
        Channel mail = channel("ops-mail");
        Channel pager = channel("pager");
        List<Delivery> mailSteps = steps(alert, mail);
        List<Delivery> pagerSteps = steps(alert, pager);
        Delivery pagerFailed = pagerSteps.get(1).failed("HTTP 400 from events.pagerduty.com", OWED_AT.plusSeconds(40));

        // One batch: delivered comes before the steps that led to it.
        writer.write(List.of(
                record(NOTIFICATIONS, 1, 20, mailSteps.get(0).deliveryId(), mailSteps.get(2)),
                record(NOTIFICATIONS, 1, 21, mailSteps.get(0).deliveryId(), mailSteps.get(1)),
                record(NOTIFICATIONS, 1, 22, mailSteps.get(0).deliveryId(), mailSteps.get(0))));
        // Across batches: failed is stored, then a late retrying step must not reopen it.
        writer.write(List.of(record(NOTIFICATIONS, 1, 23, pagerFailed.deliveryId(), pagerFailed)));
        writer.write(List.of(record(NOTIFICATIONS, 1, 24, pagerFailed.deliveryId(), pagerSteps.get(1))));

        List<NotificationDeliveryRow> rows = db.jdbi.onDemand(NotificationDeliveryDao.class).ofAlert(alert.alertId());
        assertThat(rows).extracting(NotificationDeliveryRow::channelName, NotificationDeliveryRow::status,
                NotificationDeliveryRow::attempts, NotificationDeliveryRow::lastError, NotificationDeliveryRow::sentAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ops-mail", "delivered", 2, null, OWED_AT.plusSeconds(31)),
                        org.assertj.core.groups.Tuple.tuple("pager", "failed", 2, "HTTP 400 from events.pagerduty.com",
                                null));
        assertThat(rows.get(1).updatedAt()).isEqualTo(OWED_AT.plusSeconds(40));
        assertThat(rows.get(1).nextAttemptAt()).isNull();
    }

    @Test
    void shouldRefuseMalformedDeliveriesWithOneReasonEachAndMovePastThem() {
        Alert alert = alert("deliveries_malformed");
        Channel channel = channel("ops-hook");
        Delivery good = Delivery.owed(alert, channel, OWED_AT);
        Delivery otherId = new Delivery(Delivery.SCHEMA_VERSION, UUID.randomUUID(), alert.alertId(),
                channel.channelId(), "ops-hook", good.state(), 0, null, OWED_AT, OWED_AT, OWED_AT, alert);
        Delivery noChannel = new Delivery(Delivery.SCHEMA_VERSION, good.deliveryId(), alert.alertId(), null,
                "ops-hook", good.state(), 0, null, OWED_AT, OWED_AT, OWED_AT, alert);
        Delivery negative = new Delivery(Delivery.SCHEMA_VERSION, good.deliveryId(), alert.alertId(),
                channel.channelId(), "ops-hook", good.state(), -1, null, OWED_AT, OWED_AT, OWED_AT, alert);
        ConsumerRecord<byte[], byte[]> notJson = new ConsumerRecord<>(NOTIFICATIONS.name(), 2, 30, new byte[] {1},
                "{oops".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> unknownState = new ConsumerRecord<>(NOTIFICATIONS.name(), 2, 31, new byte[] {1},
                new String(NOTIFICATIONS.valueSerde().serializer().serialize(NOTIFICATIONS.name(), good),
                        StandardCharsets.UTF_8).replace("\"owed\"", "\"lost\"").getBytes(StandardCharsets.UTF_8));
        deadLetters.clear();

        int refused = writer.write(List.of(notJson, unknownState,
                record(NOTIFICATIONS, 2, 32, otherId.deliveryId(), otherId),
                record(NOTIFICATIONS, 2, 33, good.deliveryId(), noChannel),
                record(NOTIFICATIONS, 2, 34, good.deliveryId(), negative),
                record(NOTIFICATIONS, 2, 35, good.deliveryId(), good)));

        assertThat(refused).isEqualTo(5);
        assertThat(deadLetters).extracting(r -> r.record().offset()).containsExactly(30L, 31L, 32L, 33L, 34L);
        assertThat(deadLetters.get(2).reason())
                .isEqualTo("delivery event's delivery_id is not the id of its alert_id and channel_id");
        assertThat(deadLetters.get(3).reason())
                .isEqualTo("delivery event lacks delivery_id, alert_id, channel_id, state or recorded_at");
        assertThat(deadLetters.get(4).reason()).isEqualTo("delivery event's attempts is negative");
        assertThat(stored(good.deliveryId()).status()).isEqualTo("owed");
        assertThat(db.count("select count(*) from taskmon.notification_deliveries where alert_id = '"
                + alert.alertId() + "'")).isEqualTo(1);
        assertThat(writer.committedOffsets()).contains(new PartitionOffset(NOTIFICATIONS.name(), 2, 36));
    }

    @Test
    void shouldProjectDeliveriesFromTheBrokerAndDeadLetterABadRecord() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        Alert alert = alert("deliveries_broker_" + UUID.randomUUID().toString().substring(0, 8));
        Channel channel = channel("ops-teams");
        List<Delivery> steps = steps(alert, channel);
        UUID id = steps.get(0).deliveryId();
        byte[] badKey = ("bad-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Delivery step : steps) {
                producer.send(new ProducerRecord<>(NOTIFICATIONS.name(),
                        NOTIFICATIONS.keySerde().serializer().serialize(NOTIFICATIONS.name(), id),
                        NOTIFICATIONS.valueSerde().serializer().serialize(NOTIFICATIONS.name(), step))).get();
            }
            producer.send(new ProducerRecord<>(NOTIFICATIONS.name(), badKey,
                    "{\"schema_version\":1,\"state\":\"delivered\",\"attempts\":1}".getBytes(StandardCharsets.UTF_8))).get();
        }
        Projector.Settings settings = new Projector.Settings(bootstrap, "delivery-test-" + UUID.randomUUID(), null);
        try (Projector projector = new Projector(settings, db.jdbi)) {
            projector.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                    "select count(*) from taskmon.notification_deliveries where delivery_id = '" + id
                            + "' and status = 'delivered'") == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                    "select count(*) from taskmon.dead_letters where source_topic = '" + Topics.NOTIFICATIONS.name()
                            + "' and convert_from(source_key, 'UTF8') = '" + new String(badKey, StandardCharsets.UTF_8)
                            + "'") == 1);
            assertThat(projector.isRunning()).isTrue();
        }
        assertThat(stored(id).sentAt()).isEqualTo(OWED_AT.plusSeconds(31));
        assertThat(db.rows("select consumer, reason from taskmon.dead_letters where convert_from(source_key, 'UTF8') = '"
                + new String(badKey, StandardCharsets.UTF_8) + "'")).containsExactly(List.of("projector",
                "delivery event lacks delivery_id, alert_id, channel_id, state or recorded_at"));
    }
}

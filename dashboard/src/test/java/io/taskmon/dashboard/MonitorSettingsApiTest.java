package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.Topics;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PUT /api/monitors/{id}/enabled} against the real broker: the change is an event on
 * the settings topic, never a write to the read model.
 */
class MonitorSettingsApiTest {

    private static final String INGEST_KEY = "ingest-1";
    private static final String ADMIN_KEY = "admin-1";
    private static ReadModelSeed seed;
    private static String bootstrap;
    private static UUID nightly;
    private static DashboardServer withIngestKeysOnly;
    private static KafkaConsumer<UUID, MonitorSettingChanged> consumer;
    private static final List<ConsumerRecord<UUID, MonitorSettingChanged>> published = new ArrayList<>();

    @BeforeAll
    static void start() {
        bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        seed = new ReadModelSeed("settings_api");
        nightly = seed.monitor("nightly_import", "ナイトリー取込", "bat", "WEB-01").failing(2, "取込失敗", Instant.now())
                .insert();
        withIngestKeysOnly = new DashboardServer(seed, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TASKMON_INGEST_KEYS", INGEST_KEY));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "settings-api-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.MONITOR_SETTINGS.keySerde().deserializer(), Topics.MONITOR_SETTINGS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.MONITOR_SETTINGS.name()));
    }

    @AfterAll
    static void stop() {
        consumer.close();
        withIngestKeysOnly.close();
        seed.close();
    }

    private static ConsumerRecord<UUID, MonitorSettingChanged> awaitPublished(UUID eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> r.value().eventId().equals(eventId)).findFirst().orElse(null);
        }, r -> r != null);
    }

    private static List<ConsumerRecord<UUID, MonitorSettingChanged>> publishedFor(UUID monitorId) {
        consumer.poll(Duration.ofMillis(500)).forEach(published::add);
        return published.stream().filter(r -> r.key().equals(monitorId)).toList();
    }

    @Test
    void shouldPublishTheChangeKeyedByMonitorAndLeaveTheReadModelToTheProjector() {
        ApiClient.Answer answer = withIngestKeysOnly.client.put("/api/monitors/" + nightly + "/enabled",
                "{\"enabled\": false}", "Authorization", "Bearer " + INGEST_KEY);

        assertThat(answer.status()).isEqualTo(202);
        JsonNode event = answer.body();
        assertThat(event.get("monitor_id").asText()).isEqualTo(nightly.toString());
        assertThat(event.get("enabled").asBoolean()).isFalse();
        assertThat(event.get("schema_version").asInt()).isEqualTo(MonitorSettingChanged.SCHEMA_VERSION);
        UUID eventId = UUID.fromString(event.get("event_id").asText());

        ConsumerRecord<UUID, MonitorSettingChanged> record = awaitPublished(eventId);
        assertThat(record.key()).isEqualTo(nightly);
        assertThat(record.value().monitorId()).isEqualTo(nightly);
        assertThat(record.value().enabled()).isFalse();
        assertThat(record.value().changedAt()).isEqualTo(Instant.parse(event.get("changed_at").asText()));
        assertThat(withIngestKeysOnly.client.get("/api/monitors/" + nightly).body().get("enabled").asBoolean())
                .as("the read model changes only through the projector").isTrue();

        ApiClient.Answer enable = withIngestKeysOnly.client.put("/api/monitors/" + nightly + "/enabled",
                "{\"enabled\": true}", "Authorization", "Bearer " + INGEST_KEY);
        assertThat(enable.status()).isEqualTo(202);
        assertThat(awaitPublished(UUID.fromString(enable.body().get("event_id").asText())).value().enabled()).isTrue();
    }

    @Test
    void shouldTakeTheChangeFromReportersKeysAwayOnceAdminKeysAreSet() {
        try (DashboardServer withAdminKeys = new DashboardServer(seed, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TASKMON_INGEST_KEYS", INGEST_KEY, "TASKMON_ADMIN_KEYS", ADMIN_KEY + ",admin-2"))) {
            ApiClient.Answer withIngestKey = withAdminKeys.client.put("/api/monitors/" + nightly + "/enabled",
                    "{\"enabled\": false}", "Authorization", "Bearer " + INGEST_KEY);
            assertThat(withIngestKey.status()).isEqualTo(401);
            assertThat(withIngestKey.error()).isEqualTo("Invalid or missing admin key");

            ApiClient.Answer withAdminKey = withAdminKeys.client.put("/api/monitors/" + nightly + "/enabled",
                    "{\"enabled\": false}", "Authorization", "Bearer admin-2");
            assertThat(withAdminKey.status()).isEqualTo(202);
            awaitPublished(UUID.fromString(withAdminKey.body().get("event_id").asText()));
        }
    }

    @Test
    void shouldRefuseChangesWhenNoKeyCanAuthorizeThem() {
        try (DashboardServer keyless = new DashboardServer(seed, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap))) {
            ApiClient.Answer answer = keyless.client.put("/api/monitors/" + nightly + "/enabled", "{\"enabled\": false}",
                    "Authorization", "Bearer anything");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.error()).isEqualTo(
                    "Changing monitors is switched off: no admin key is configured (TASKMON_ADMIN_KEYS)");
        }
    }

    @Test
    void shouldAnswer401ForAMissingOrWrongKeyAndPublishNothing() {
        UUID other = seed.monitor("unauthorized_" + UUID.randomUUID().toString().substring(0, 8), "x", "shell", null)
                .insert();
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong"},
                new String[] {"X-TC-Portal-Secret", INGEST_KEY})) {
            ApiClient.Answer answer = withIngestKeysOnly.client.put("/api/monitors/" + other + "/enabled",
                    "{\"enabled\": false}", headers);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.error()).startsWith("Invalid or missing admin key");
        }
        assertThat(publishedFor(other)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"enabled\": \"false\"}", "{\"enabled\": 0}",
            "{\"enabled\": null}", "true"})
    void shouldAnswer400ForABodyWithoutABooleanEnabled(String body) {
        UUID other = seed.monitor("bad_body_" + UUID.randomUUID().toString().substring(0, 8), "x", "shell", null)
                .insert();
        ApiClient.Answer answer = withIngestKeysOnly.client.put("/api/monitors/" + other + "/enabled", body,
                "Authorization", "Bearer " + INGEST_KEY);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error()).satisfiesAnyOf(
                e -> assertThat(e).startsWith("The body must be a JSON object like {\"enabled\": false}"),
                e -> assertThat(e).isEqualTo("enabled is required and must be true or false"));
        assertThat(publishedFor(other)).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownMonitorAnd400ForABadId() {
        UUID unknown = UUID.randomUUID();
        ApiClient.Answer missing = withIngestKeysOnly.client.put("/api/monitors/" + unknown + "/enabled",
                "{\"enabled\": false}", "Authorization", "Bearer " + INGEST_KEY);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("There is no monitor " + unknown);
        assertThat(publishedFor(unknown)).isEmpty();

        ApiClient.Answer bad = withIngestKeysOnly.client.put("/api/monitors/nope/enabled", "{\"enabled\": false}",
                "Authorization", "Bearer " + INGEST_KEY);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("monitor_id must be a UUID");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaCannotTakeTheChange() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DashboardServer noBroker = new DashboardServer(seed, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort,
                "TASKMON_DELIVERY_TIMEOUT", "1500ms",
                "TASKMON_INGEST_KEYS", INGEST_KEY))) {
            ApiClient.Answer answer = noBroker.client.put("/api/monitors/" + nightly + "/enabled", "{\"enabled\": false}",
                    "Authorization", "Bearer " + INGEST_KEY);
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("5");
            assertThat(answer.error()).isEqualTo("Kafka is unavailable, so the change was not accepted; retry later");
        }
    }
}

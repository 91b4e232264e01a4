package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.SettingChange;
import io.taskmon.events.Topics;
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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/monitors}, {@code PUT /api/monitors/{id}/config} and
 * {@code DELETE /api/monitors/{id}} against the real broker: each change is an event on the
 * settings topic; bad requests get one sentence and publish nothing.
 */
class MonitorAdminApiTest {

    private static final String ADMIN_KEY = "admin-1";
    private static final String[] AS_ADMIN = {"Authorization", "Bearer " + ADMIN_KEY};
    private static ReadModelSeed seed;
    private static String bootstrap;
    private static UUID existing;
    private static DashboardServer server;
    private static KafkaConsumer<UUID, MonitorSettingChanged> consumer;
    private static final List<ConsumerRecord<UUID, MonitorSettingChanged>> published = new ArrayList<>();

    @BeforeAll
    static void start() {
        bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        seed = new ReadModelSeed("admin_api");
        existing = seed.monitor("weekly_report", "Weekly report", "python", "WEB-02").insert();
        server = new DashboardServer(seed, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TASKMON_INGEST_KEYS", "ingest-1", "TASKMON_ADMIN_KEYS", ADMIN_KEY));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "admin-api-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.MONITOR_SETTINGS.keySerde().deserializer(), Topics.MONITOR_SETTINGS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.MONITOR_SETTINGS.name()));
    }

    @AfterAll
    static void stop() {
        consumer.close();
        server.close();
        seed.close();
    }

    private static ConsumerRecord<UUID, MonitorSettingChanged> awaitPublished(String eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> r.value().eventId().toString().equals(eventId)).findFirst()
                    .orElse(null);
        }, r -> r != null);
    }

    private static List<ConsumerRecord<UUID, MonitorSettingChanged>> publishedFor(UUID monitorId) {
        consumer.poll(Duration.ofMillis(500)).forEach(published::add);
        return published.stream().filter(r -> r.key().equals(monitorId)).toList();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldCreateAMonitorWithTheIdItsReportsWillHaveAndPublishItsDefinition() {
        String taskKey = unique("nightly_backup");
        Instant before = Instant.now();
        ApiClient.Answer answer = server.client.post("/api/monitors", """
                {"task_key":"%s","task_name":"夜間バックアップ","kind":"shell","machine_name":"NAS-01",
                 "monitor_config":{"cron":"0 2 * * *","timezone":"Asia/Taipei","grace_seconds":600},
                 "labels":{"team":"ops","county":"台北"}}""".formatted(taskKey), AS_ADMIN);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        UUID monitorId = MonitorId.of(taskKey, "shell", "NAS-01");
        assertThat(answer.body().get("monitor_id").asText()).isEqualTo(monitorId.toString());

        ConsumerRecord<UUID, MonitorSettingChanged> record = awaitPublished(answer.body().get("event_id").asText());
        assertThat(record.key()).isEqualTo(monitorId);
        MonitorSettingChanged change = record.value();
        assertThat(change.schemaVersion()).isEqualTo(MonitorSettingChanged.SCHEMA_VERSION);
        assertThat(change.change()).isEqualTo(SettingChange.CREATED);
        assertThat(change.monitorId()).isEqualTo(monitorId);
        assertThat(change.taskKey()).isEqualTo(taskKey);
        assertThat(change.taskName()).isEqualTo("夜間バックアップ");
        assertThat(change.kind()).isEqualTo("shell");
        assertThat(change.machineName()).isEqualTo("NAS-01");
        assertThat(change.monitorConfig()).isEqualTo(new MonitorConfig("0 2 * * *", "Asia/Taipei", null, 600L, null,
                null, null, null));
        assertThat(change.labels()).isEqualTo(Map.of("team", "ops", "county", "台北"));
        assertThat(change.enabled()).isNull();
        assertThat(change.changedAt()).isBetween(before, Instant.now());
        assertThat(server.client.get("/api/monitors/" + monitorId).status())
                .as("the read model changes only through monitor-streams and the projector").isEqualTo(404);
    }

    @Test
    void shouldAnswer409ForAMonitorThatExistsAndPublishNothing() {
        ApiClient.Answer answer = server.client.post("/api/monitors", """
                {"task_key":"weekly_report","task_name":"Weekly report","kind":"python","machine_name":"WEB-02",
                 "monitor_config":{"interval_seconds":604800}}""", AS_ADMIN);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.error()).isEqualTo("The monitor " + existing + " of this task_key, kind and machine_name"
                + " exists already; change its configuration with PUT /api/monitors/" + existing + "/config");
        assertThat(publishedFor(existing)).isEmpty();
    }

    @Test
    void shouldPublishAReplacedConfigurationAndADeletionOfAKnownMonitor() {
        UUID known = seed.monitor(unique("hourly_sync"), "Hourly sync", "python", null).insert();

        ApiClient.Answer configured = server.client.put("/api/monitors/" + known + "/config",
                "{\"monitor_config\":{\"interval_seconds\":3600,\"max_runtime_seconds\":600}}", AS_ADMIN);
        assertThat(configured.status()).as(configured.raw().body()).isEqualTo(202);
        assertThat(configured.body().get("monitor_id").asText()).isEqualTo(known.toString());
        MonitorSettingChanged change = awaitPublished(configured.body().get("event_id").asText()).value();
        assertThat(change.change()).isEqualTo(SettingChange.CONFIGURED);
        assertThat(change.monitorConfig()).isEqualTo(new MonitorConfig(null, null, 3600L, null, 600L, null, null,
                null));

        ApiClient.Answer deleted = server.client.delete("/api/monitors/" + known, AS_ADMIN);
        assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(202);
        ConsumerRecord<UUID, MonitorSettingChanged> deletion = awaitPublished(deleted.body().get("event_id").asText());
        assertThat(deletion.key()).isEqualTo(known);
        assertThat(deletion.value().change()).isEqualTo(SettingChange.DELETED);
        assertThat(deletion.value().monitorConfig()).isNull();
    }

    @Test
    void shouldAnswer404ForAnUnknownMonitorAnd400ForABadId() {
        UUID unknown = UUID.randomUUID();
        ApiClient.Answer configure = server.client.put("/api/monitors/" + unknown + "/config",
                "{\"monitor_config\":{\"interval_seconds\":60}}", AS_ADMIN);
        assertThat(configure.status()).isEqualTo(404);
        assertThat(configure.error()).isEqualTo("There is no monitor " + unknown);
        ApiClient.Answer delete = server.client.delete("/api/monitors/" + unknown, AS_ADMIN);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.error()).isEqualTo("There is no monitor " + unknown);
        assertThat(publishedFor(unknown)).isEmpty();

        ApiClient.Answer bad = server.client.delete("/api/monitors/nope", AS_ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("monitor_id must be a UUID");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "missing task_key|{\"task_name\":\"N\",\"kind\":\"shell\"}|task_key is required and must be a string",
            "bad kind|{\"task_key\":\"@K\",\"task_name\":\"N\",\"kind\":\"Shell\"}"
                    + "|`kind must be a lowercase slug such as python, bat, shell or etl (a letter, then letters,"
                    + " digits, '_' or '-', at most 32 characters)`",
            "unknown zone|{\"task_key\":\"@K\",\"task_name\":\"N\",\"kind\":\"shell\",\"monitor_config\":"
                    + "{\"cron\":\"0 2 * * *\",\"timezone\":\"Mars/Olympus\"}}"
                    + "|`monitor_config.timezone must be an IANA time zone such as UTC, Asia/Taipei or Europe/Berlin,"
                    + " got 'Mars/Olympus'`",
            "cron and interval|{\"task_key\":\"@K\",\"task_name\":\"N\",\"kind\":\"shell\",\"monitor_config\":"
                    + "{\"cron\":\"0 2 * * *\",\"interval_seconds\":60}}"
                    + "|monitor_config must have either cron or interval_seconds, not both",
            "negative grace|{\"task_key\":\"@K\",\"task_name\":\"N\",\"kind\":\"shell\",\"monitor_config\":"
                    + "{\"interval_seconds\":60,\"grace_seconds\":-1}}"
                    + "|monitor_config.grace_seconds must be a whole number from 0 to 31536000",
            "config not an object|{\"task_key\":\"@K\",\"task_name\":\"N\",\"kind\":\"shell\",\"monitor_config\":5}"
                    + "|`monitor_config must be a JSON object such as {\"cron\":\"0 2 * * *\",\"timezone\":\"Asia/Taipei\"}`",
            "labels not strings|{\"task_key\":\"@K\",\"task_name\":\"N\",\"kind\":\"shell\",\"labels\":{\"team\":1}}"
                    + "|labels.team must be a string",
            "not an object|[1,2]|`The body must be a JSON object like {\"task_key\":\"nightly_backup\",\"task_name\":"
                    + "\"Nightly backup\",\"kind\":\"shell\",\"monitor_config\":{\"cron\":\"0 2 * * *\"}}`"})
    void shouldAnswer400WithOneSentenceForABadMonitorAndPublishNothing(String label, String body, String sentence) {
        String taskKey = unique("bad");
        ApiClient.Answer answer = server.client.post("/api/monitors", body.replace("@K", taskKey), AS_ADMIN);

        assertThat(answer.status()).as(label).isEqualTo(400);
        assertThat(answer.error()).isEqualTo(sentence);
        assertThat(publishedFor(MonitorId.of(taskKey, "shell", null))).isEmpty();
    }

    @Test
    void shouldAnswer400ForBodiesThatAreNotJsonAndSayWhere() {
        for (String body : List.of("{\"task_key\": \"truncated\",", "task_key=x", "{\"task_key\":\"x\"} trailing")) {
            ApiClient.Answer answer = server.client.post("/api/monitors", body, AS_ADMIN);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.error()).as(body).matches("The request body is not valid JSON \\(line 1, column \\d+\\)");
        }
        ApiClient.Answer empty = server.client.post("/api/monitors", "", AS_ADMIN);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).startsWith("The body must be a JSON object like ");
        assertThat(publishedFor(MonitorId.of("truncated", "shell", null))).isEmpty();
    }

    @Test
    void shouldAnswer400ForAConfigurationBodyWithoutAConfiguration() {
        UUID known = seed.monitor(unique("config_body"), "Config body", "shell", null).insert();
        ApiClient.Answer missing = server.client.put("/api/monitors/" + known + "/config", "{}", AS_ADMIN);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("monitor_config is required and must be a JSON object such as"
                + " {\"interval_seconds\":3600}");
        ApiClient.Answer sixFields = server.client.put("/api/monitors/" + known + "/config",
                "{\"monitor_config\":{\"cron\":\"0 0 2 * * *\"}}", AS_ADMIN);
        assertThat(sixFields.status()).isEqualTo(400);
        assertThat(sixFields.error()).startsWith("monitor_config.cron ");
        assertThat(publishedFor(known)).isEmpty();
    }

    @Test
    void shouldAnswer401ForAWrongKeyAnd403WhenNoKeyCanChangeMonitors() {
        String body = "{\"task_key\":\"" + unique("keyed") + "\",\"task_name\":\"N\",\"kind\":\"shell\"}";
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong"},
                new String[] {"Authorization", "Bearer ingest-1"})) {
            ApiClient.Answer answer = server.client.post("/api/monitors", body, headers);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("Invalid or missing admin key");
        }
        assertThat(server.client.delete("/api/monitors/" + existing, "Authorization", "Bearer wrong").error())
                .isEqualTo("Invalid or missing admin key");
        assertThat(publishedFor(existing)).isEmpty();

        try (DashboardServer keyless = new DashboardServer(seed, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap))) {
            ApiClient.Answer answer = keyless.client.post("/api/monitors", body, "Authorization", "Bearer anything");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.error()).isEqualTo(
                    "Changing monitors is switched off: no admin key is configured (TASKMON_ADMIN_KEYS)");
        }
    }
}

package io.taskmon.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.AccessKeys;
import io.taskmon.events.EventJson;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.Topics;
import io.taskmon.notifier.ChannelTester;
import io.taskmon.notifier.NotifierConfigView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/monitors/{id}/mute} and {@code /api/maintenance-windows} over real HTTP, publishing to the real broker. */
class MuteWindowApiTest {

    private static final String ADMIN = "Bearer admin-1";
    private static String bootstrap;
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode json) {
    }

    @BeforeAll
    static void start() {
        bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        NotifierAdmin admin = new NotifierAdmin(new NotifierConfigView(bootstrap, Map.of()),
                new NotifierConfigPublisher(bootstrap, Duration.ofSeconds(10), Map.of()),
                new AdminAccess(new AccessKeys(List.of("admin-1")), new AccessKeys(List.of("ingest-1"))),
                Duration.ofSeconds(10), Clock.systemUTC(), new ChannelTester(Map.of(), Clock.systemUTC()));
        server = ApplicationContext.builder()
                .properties(Map.of("micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"))
                .singletons(admin)
                .run(EmbeddedServer.class);
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().getBean(NotifierAdmin.class).close();
        server.close();
    }

    private static Answer call(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : EventJson.mapper().readTree(response.body());
        return new Answer(response.statusCode(), json);
    }

    private static Optional<ConsumerRecord<String, NotifierSetting>> latestOnTopic(String key) {
        try (KafkaConsumer<String, NotifierSetting> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.NOTIFIER_CONFIG.keySerde().deserializer(), Topics.NOTIFIER_CONFIG.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFIER_CONFIG.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            ConsumerRecord<String, NotifierSetting> latest = null;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, NotifierSetting> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        latest = record;
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    @Test
    void shouldMuteAMonitorUntilATimeAndUnmuteIt() throws Exception {
        UUID monitorId = UUID.randomUUID();
        String until = Instant.now().plus(Duration.ofHours(2)).toString();

        Answer muted = call("PUT", "/api/monitors/" + monitorId + "/mute", "{\"until\":\"" + until + "\"}", ADMIN);

        assertThat(muted.status()).isEqualTo(200);
        assertThat(muted.json().get("monitor_id").asText()).isEqualTo(monitorId.toString());
        assertThat(Instant.parse(muted.json().get("until").asText())).isEqualTo(Instant.parse(until));
        assertThat(latestOnTopic("mute:" + monitorId).orElseThrow().value().mute().until())
                .isEqualTo(Instant.parse(until));
        assertThat(call("GET", "/api/monitors/" + monitorId + "/mute", null, ADMIN).json().get("monitor_id").asText())
                .isEqualTo(monitorId.toString());

        assertThat(call("DELETE", "/api/monitors/" + monitorId + "/mute", null, ADMIN).status()).isEqualTo(204);
        assertThat(latestOnTopic("mute:" + monitorId).orElseThrow().value()).isNull();
        assertThat(call("GET", "/api/monitors/" + monitorId + "/mute", null, ADMIN).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/monitors/" + monitorId + "/mute", null, ADMIN).status()).isEqualTo(404);
    }

    @Test
    void shouldReadAMuteTimeWithAnOffsetOrAsUtcWithout() throws Exception {
        UUID monitorId = UUID.randomUUID();
        Instant later = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String taipei = later.atOffset(java.time.ZoneOffset.ofHours(8)).toString();
        assertThat(Instant.parse(call("PUT", "/api/monitors/" + monitorId + "/mute", "{\"until\":\"" + taipei + "\"}",
                ADMIN).json().get("until").asText())).isEqualTo(later);
        String noOffset = later.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime().toString();
        assertThat(Instant.parse(call("PUT", "/api/monitors/" + monitorId + "/mute", "{\"until\":\"" + noOffset + "\"}",
                ADMIN).json().get("until").asText())).isEqualTo(later);
    }

    @Test
    void shouldPublishAMaintenanceWindowListItAndDeleteIt() throws Exception {
        Answer created = call("POST", "/api/maintenance-windows", "{\"name\":\"weekly patching\","
                + "\"match\":{\"machine\":\"WEB-01\",\"kinds\":[\"bat\"]},\"cron\":\"0 1 * * 6\","
                + "\"duration_seconds\":7200,\"timezone\":\"Asia/Taipei\"}", ADMIN);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("cron").asText()).isEqualTo("0 1 * * 6");
        assertThat(created.json().get("duration_seconds").asLong()).isEqualTo(7200);
        Instant nextStart = Instant.parse(created.json().get("next_start").asText());
        // 01:00 in Taipei (UTC+8, no daylight saving) is 17:00 UTC on the Friday.
        assertThat(nextStart.atZone(java.time.ZoneId.of("Asia/Taipei")).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.SATURDAY);
        assertThat(nextStart.atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(17);
        var window = latestOnTopic("window:" + id).orElseThrow().value().maintenanceWindow();
        assertThat(window.match().machine()).isEqualTo("WEB-01");
        assertThat(window.timezone()).isEqualTo("Asia/Taipei");
        assertThat(call("GET", "/api/maintenance-windows", null, ADMIN).json().get("maintenance_windows").toString())
                .contains(id);
        assertThat(call("GET", "/api/maintenance-windows/" + id, null, ADMIN).json().get("name").asText())
                .isEqualTo("weekly patching");

        assertThat(call("DELETE", "/api/maintenance-windows/" + id, null, ADMIN).status()).isEqualTo(204);
        assertThat(latestOnTopic("window:" + id).orElseThrow().value()).isNull();
        assertThat(call("GET", "/api/maintenance-windows/" + id, null, ADMIN).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseMutesAndWindowsWithoutTheAdminKey() throws Exception {
        Answer noKey = call("PUT", "/api/monitors/" + UUID.randomUUID() + "/mute", "{\"until\":\"2999-01-01T00:00:00Z\"}",
                null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(call("GET", "/api/maintenance-windows", null, "Bearer ingest-1").status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseAMonitorIdThatIsNotAUuid() throws Exception {
        Answer answer = call("PUT", "/api/monitors/nightly/mute", "{\"until\":\"2999-01-01T00:00:00Z\"}", ADMIN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("monitor id must be a UUID, got 'nightly'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty body||The body must be a JSON object like {\"until\": \"2026-12-24T08:00:00+09:00\"}",
            "no until|{}|until is required and must be an ISO-8601 time such as 2026-12-24T08:00:00+09:00",
            "until not text|{\"until\":5}|until must be a string of at most 64 characters",
            "until not a time|{\"until\":\"tomorrow\"}|until must be an ISO-8601 time such as 2026-12-24T08:00:00+09:00, got 'tomorrow'",
            "until past|{\"until\":\"2001-01-01T00:00:00Z\"}|until must be in the future, got 2001-01-01T00:00:00Z; DELETE the mute to end it now",
            "until too far|{\"until\":\"2999-01-01T00:00:00Z\"}|until must be at most 366 days ahead, got 2999-01-01T00:00:00Z; disable the monitor to silence it for longer",
    })
    void shouldRefuseABadMuteWithOneSentenceNamingTheField(String name, String body, String error) throws Exception {
        Answer answer = call("PUT", "/api/monitors/" + UUID.randomUUID() + "/mute", body, ADMIN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).hasSize(1);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no name|{\"cron\":\"0 1 * * 6\",\"duration_seconds\":60,\"timezone\":\"UTC\"}|name is required and must be a string of 1 to 100 characters",
            "bad match|{\"name\":\"w\",\"match\":{\"alert_types\":[\"failing\"]},\"cron\":\"0 1 * * 6\",\"duration_seconds\":60,\"timezone\":\"UTC\"}|match.alert_types[0] must be an alert type in capitals such as FAILING or RECOVERED, got 'failing'",
            "match not object|{\"name\":\"w\",\"match\":\"WEB-01\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":60,\"timezone\":\"UTC\"}|match must be an object",
            "no cron|{\"name\":\"w\",\"duration_seconds\":60,\"timezone\":\"UTC\"}|cron is required and must be a string of 1 to 200 characters",
            "cron fields|{\"name\":\"w\",\"cron\":\"0 1 *\",\"duration_seconds\":60,\"timezone\":\"UTC\"}|cron must have 5 fields (minute hour day-of-month month day-of-week) such as '0 2 * * *', got 3",
            "cron never|{\"name\":\"w\",\"cron\":\"0 0 30 2 *\",\"duration_seconds\":60,\"timezone\":\"UTC\"}|cron never matches a date, such as '0 0 30 2 *'",
            "no duration|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"timezone\":\"UTC\"}|duration_seconds is required and must be a whole number of seconds from 1 to 604800 (7 days)",
            "zero duration|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":0,\"timezone\":\"UTC\"}|duration_seconds must be a whole number of seconds from 1 to 604800 (7 days), got 0",
            "long duration|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":604801,\"timezone\":\"UTC\"}|duration_seconds must be a whole number of seconds from 1 to 604800 (7 days), got 604801",
            "text duration|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":\"2h\",\"timezone\":\"UTC\"}|duration_seconds must be a whole number of seconds from 1 to 604800 (7 days), got \"2h\"",
            "no zone|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":60}|timezone is required and must be a string of 1 to 64 characters",
            "unknown zone|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":60,\"timezone\":\"Asia/Atlantis\"}|timezone must be an IANA time zone such as Asia/Taipei or UTC, got 'Asia/Atlantis'",
            "offset zone|{\"name\":\"w\",\"cron\":\"0 1 * * 6\",\"duration_seconds\":60,\"timezone\":\"+08:00\"}|timezone must be an IANA time zone such as Asia/Taipei or UTC, got '+08:00'",
    })
    void shouldRefuseABadMaintenanceWindowWithOneSentenceNamingTheField(String name, String body, String error)
            throws Exception {
        Answer answer = call("POST", "/api/maintenance-windows", body, ADMIN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).hasSize(1);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }
}

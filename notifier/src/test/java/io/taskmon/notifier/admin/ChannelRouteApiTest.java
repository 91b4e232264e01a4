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

/** {@code /api/channels} and {@code /api/routes} over real HTTP, publishing to the real broker. */
class ChannelRouteApiTest {

    private static final String ADMIN = "Bearer admin-1";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
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
    void shouldPublishAWebhookChannelAndNeverShowItsSecretOrUrlToken() throws Exception {
        Answer created = call("POST", "/api/channels", "{\"name\":\"hook\",\"type\":\"webhook\","
                + "\"url\":\"https://hooks.example.com/services/T0K3N?key=k\",\"secret\":\"" + SECRET + "\"}", ADMIN);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("url_hint").asText()).isEqualTo("https://hooks.example.com/…");
        assertThat(created.json().get("secret_hint").asText()).isEqualTo("whsec_…LaSw");
        Answer listed = call("GET", "/api/channels", null, ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        String text = listed.json().toString();
        assertThat(text).contains(id).doesNotContain("T0K3N", SECRET, "key=k");
        ConsumerRecord<String, NotifierSetting> record = latestOnTopic("channel:" + id).orElseThrow();
        assertThat(record.value().channel().secret()).isEqualTo(SECRET);
        assertThat(record.value().channel().url()).isEqualTo("https://hooks.example.com/services/T0K3N?key=k");

        Answer renamed = call("PUT", "/api/channels/" + id, "{\"name\":\"hook-2\",\"type\":\"webhook\"}", ADMIN);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(latestOnTopic("channel:" + id).orElseThrow().value().channel())
                .satisfies(c -> {
                    assertThat(c.name()).isEqualTo("hook-2");
                    assertThat(c.secret()).isEqualTo(SECRET);
                });

        assertThat(call("DELETE", "/api/channels/" + id, null, ADMIN).status()).isEqualTo(204);
        assertThat(latestOnTopic("channel:" + id).orElseThrow().value()).isNull();
        assertThat(call("GET", "/api/channels/" + id, null, ADMIN).status()).isEqualTo(404);
    }

    @Test
    void shouldPublishARouteToExistingChannelsAndRefuseDeletingAChannelInUse() throws Exception {
        String channelId = call("POST", "/api/channels",
                "{\"name\":\"ops-mail\",\"type\":\"email\",\"to\":[\"ops@example.com\"]}", ADMIN).json().get("id").asText();

        Answer created = call("POST", "/api/routes", "{\"name\":\"nightly\",\"match\":{\"alert_types\":[\"FAILING\",\"MISSED\"],"
                + "\"kinds\":[\"bat\"],\"task_key_glob\":\"nightly_*\",\"machine\":\"WEB-01\"},\"channels\":[\"" + channelId + "\"]}",
                ADMIN);

        assertThat(created.status()).isEqualTo(201);
        String routeId = created.json().get("id").asText();
        assertThat(created.json().get("match").get("alert_types")).hasSize(2);
        assertThat(latestOnTopic("route:" + routeId).orElseThrow().value().route().match().taskKeyGlob())
                .isEqualTo("nightly_*");
        assertThat(call("GET", "/api/routes", null, ADMIN).json().toString()).contains(routeId);
        Answer refused = call("DELETE", "/api/channels/" + channelId, null, ADMIN);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).contains("used by route 'nightly'");

        Answer everything = call("PUT", "/api/routes/" + routeId, "{\"name\":\"all\",\"channels\":[\"" + channelId + "\"]}", ADMIN);
        assertThat(everything.status()).isEqualTo(200);
        assertThat(latestOnTopic("route:" + routeId).orElseThrow().value().route().match().alertTypes()).isEmpty();
        assertThat(call("DELETE", "/api/routes/" + routeId, null, ADMIN).status()).isEqualTo(204);
        assertThat(call("DELETE", "/api/channels/" + channelId, null, ADMIN).status()).isEqualTo(204);
    }

    @Test
    void shouldRefuseChangesWithoutTheAdminKey() throws Exception {
        Answer noKey = call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"email\",\"to\":[\"a@b.c\"]}", null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("error").asText()).isEqualTo("Invalid or missing admin key");
        assertThat(call("GET", "/api/channels", null, "Bearer ingest-1").status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty body||The body must be a JSON object like {\"name\": \"ops-mail\", \"type\": \"email\", \"to\": [\"ops@example.com\"]}",
            "no name|{\"type\":\"email\",\"to\":[\"a@example.com\"]}|name is required and must be a string of 1 to 100 characters",
            "bad type|{\"name\":\"x\",\"type\":\"sms\"}|type is required and must be one of email, webhook, slack, teams or pagerduty",
            "no recipients|{\"name\":\"x\",\"type\":\"email\",\"to\":[]}|to is required for an email channel and must list 1 to 50 addresses",
            "bad address|{\"name\":\"x\",\"type\":\"email\",\"to\":[\"a@example.com\",\"nobody\"]}|to[1] must be an e-mail address like ops@example.com, got 'nobody'",
            "bad url|{\"name\":\"x\",\"type\":\"webhook\",\"url\":\"ftp://h/x\",\"secret\":\"" + SECRET + "\"}|url is required for a webhook channel and must be an http or https URL of at most 2048 characters",
            "bad secret|{\"name\":\"x\",\"type\":\"webhook\",\"url\":\"https://h/x\",\"secret\":\"abc\"}|secret is required for a webhook channel and must be whsec_ followed by the base64 of 24 to 64 random bytes",
    })
    void shouldRefuseABadChannelWithOneSentenceNamingTheField(String name, String body, String error) throws Exception {
        Answer answer = call("POST", "/api/channels", body, ADMIN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).hasSize(1);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json|{name|The body must be a JSON object like {\"name\": \"nightly\", \"match\": {\"task_key_glob\": \"nightly_*\"}, \"channels\": [\"<channel id>\"]}; the body is not valid JSON",
            "no channels|{\"name\":\"r\"}|channels is required and must list 1 to 50 channel ids",
            "not an id|{\"name\":\"r\",\"channels\":[\"x\"]}|channels[0] must be a channel id (a UUID), got 'x'",
            "unknown channel|{\"name\":\"r\",\"channels\":[\"00000000-0000-0000-0000-000000000001\"]}|channels[0] names no channel: 00000000-0000-0000-0000-000000000001",
            "bad alert type|{\"name\":\"r\",\"match\":{\"alert_types\":[\"failing\"]},\"channels\":[]}|match.alert_types[0] must be an alert type in capitals such as FAILING or RECOVERED, got 'failing'",
            "bad kind|{\"name\":\"r\",\"match\":{\"kinds\":[\"Bat!\"]},\"channels\":[]}|match.kinds[0] must be a kind such as bat or python, got 'Bat!'",
            "match not object|{\"name\":\"r\",\"match\":[],\"channels\":[]}|match must be an object",
            "machine not text|{\"name\":\"r\",\"match\":{\"machine\":5},\"channels\":[]}|match.machine must be a string of at most 200 characters",
    })
    void shouldRefuseABadRouteWithOneSentenceNamingTheField(String name, String body, String error) throws Exception {
        Answer answer = call("POST", "/api/routes", body, ADMIN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo(error);
    }
}

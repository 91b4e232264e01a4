package io.taskmon.notifier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.AccessKeys;
import io.taskmon.events.EventJson;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Teams channels over the admin API: one 400 sentence per bad field, the URL's token masked. */
class TeamsChannelApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedServer server;
    private static NotifierConfigView view;

    record Answer(int status, JsonNode json) {
    }

    @BeforeAll
    static void start() {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        view = new NotifierConfigView(bootstrap, Map.of());
        NotifierAdmin admin = new NotifierAdmin(view,
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

    private static Answer call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer admin-1")
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null
                : EventJson.mapper().readTree(response.body()));
    }

    @Test
    void shouldCreateATeamsChannelAndShowOnlyTheUrlsHost() throws Exception {
        String url = "https://contoso.webhook.office.com/webhookb2/1234@abcd/IncomingWebhook/t0k3n/5678";
        Answer created = call("POST", "/api/channels", "{\"name\":\"ops-teams\",\"type\":\"teams\",\"url\":\"" + url + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("type").asText()).isEqualTo("teams");
        assertThat(created.json().get("url_hint").asText()).isEqualTo("https://contoso.webhook.office.com/…");
        assertThat(created.json().has("secret_hint")).isFalse();
        assertThat(created.json().toString()).doesNotContain("t0k3n").doesNotContain("webhookb2");
        String id = created.json().get("id").asText();
        Answer read = call("GET", "/api/channels/" + id, null);
        assertThat(read.json()).isEqualTo(created.json());
        Answer listed = call("GET", "/api/channels", null);
        assertThat(listed.json().get("channels").findValuesAsText("id")).contains(id);
        assertThat(listed.json().toString()).doesNotContain("t0k3n");
    }

    @Test
    void shouldKeepATeamsUrlWhenAChangeLeavesItOut() throws Exception {
        Answer created = call("POST", "/api/channels",
                "{\"name\":\"teams-a\",\"type\":\"teams\",\"url\":\"http://127.0.0.1:9/webhookb2/k33p\"}");
        String id = created.json().get("id").asText();

        Answer renamed = call("PUT", "/api/channels/" + id, "{\"name\":\"teams-b\",\"type\":\"teams\"}");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("teams-b");
        assertThat(renamed.json().get("url_hint").asText()).isEqualTo("http://127.0.0.1:9/…");
        assertThat(view.channel(UUID.fromString(id)).orElseThrow().url()).isEqualTo("http://127.0.0.1:9/webhookb2/k33p");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"t","type":"teams"}                                    | url is required for a teams channel and must be an http or https URL of at most 2048 characters
            {"name":"t","type":"teams","url":""}                           | url is required for a teams channel and must be an http or https URL of at most 2048 characters
            {"name":"t","type":"teams","url":42}                           | url must be a string of at most 2048 characters
            {"name":"t","type":"teams","url":"ftp://outlook.office.com/x"} | url is required for a teams channel and must be an http or https URL of at most 2048 characters
            {"name":"t","type":"teams","url":"https:///no-host"}           | url is required for a teams channel and must be an http or https URL of at most 2048 characters
            {"name":"t","type":"teams","url":"not a url"}                  | url is required for a teams channel and must be an http or https URL of at most 2048 characters
            {"type":"teams","url":"https://outlook.office.com/x"}          | name is required and must be a string of 1 to 100 characters
            """)
    void shouldRejectABadTeamsChannelWithOneSentence(String body, String sentence) throws Exception {
        Answer answer = call("POST", "/api/channels", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo(sentence);
    }
}

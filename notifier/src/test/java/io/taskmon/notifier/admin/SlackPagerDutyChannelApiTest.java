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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Slack and PagerDuty channels over the admin API: one 400 sentence per bad field, tokens and keys masked. */
class SlackPagerDutyChannelApiTest {

    private static final String KEY = "R0ut1ngKeyR0ut1ngKeyR0ut1ngKey12";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedServer server;

    record Answer(int status, JsonNode json) {
    }

    @BeforeAll
    static void start() {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
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
    void shouldCreateASlackChannelAndShowOnlyTheUrlsHost() throws Exception {
        Answer created = call("POST", "/api/channels",
                "{\"name\":\"ops-slack\",\"type\":\"slack\",\"url\":\"https://hooks.slack.com/services/T0/B0/s3cr3t\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("type").asText()).isEqualTo("slack");
        assertThat(created.json().get("url_hint").asText()).isEqualTo("https://hooks.slack.com/…");
        assertThat(created.json().toString()).doesNotContain("s3cr3t");
        Answer read = call("GET", "/api/channels/" + created.json().get("id").asText(), null);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void shouldCreateAPagerDutyChannelOnTheEventsApiAndKeepItsKeyOnAChange() throws Exception {
        Answer created = call("POST", "/api/channels",
                "{\"name\":\"pager\",\"type\":\"pagerduty\",\"routing_key\":\"" + KEY + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("url_hint").asText()).isEqualTo("https://events.pagerduty.com/…");
        assertThat(created.json().get("routing_key_hint").asText()).isEqualTo("…ey12");
        assertThat(created.json().has("secret_hint")).isFalse();
        assertThat(created.json().toString()).doesNotContain(KEY);

        String id = created.json().get("id").asText();
        Answer renamed = call("PUT", "/api/channels/" + id, "{\"name\":\"pager-2\",\"type\":\"pagerduty\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("pager-2");
        assertThat(renamed.json().get("routing_key_hint").asText()).isEqualTo("…ey12");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"s","type":"chat"}                                   | type is required and must be one of email, webhook, slack, teams or pagerduty
            {"name":"s","type":"slack"}                                  | url is required for a slack channel and must be an http or https URL of at most 2048 characters
            {"name":"s","type":"slack","url":"ftp://hooks.slack.com/x"}  | url is required for a slack channel and must be an http or https URL of at most 2048 characters
            {"name":"p","type":"pagerduty"}                              | routing_key is required for a pagerduty channel and must be the 32 letters and digits of the service's Events API v2 integration key
            {"name":"p","type":"pagerduty","routing_key":"short"}        | routing_key is required for a pagerduty channel and must be the 32 letters and digits of the service's Events API v2 integration key
            {"name":"p","type":"pagerduty","routing_key":"R0ut1ngKeyR0ut1ngKeyR0ut1ngKey12","url":"mailto:x"} | url is required for a pagerduty channel and must be an http or https URL of at most 2048 characters
            """)
    void shouldRejectABadSlackOrPagerDutyChannelWithOneSentence(String body, String sentence) throws Exception {
        Answer answer = call("POST", "/api/channels", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo(sentence);
    }
}

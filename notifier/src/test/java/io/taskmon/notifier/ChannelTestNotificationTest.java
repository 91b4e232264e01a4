package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.AccessKeys;
import io.taskmon.events.EventJson;
import io.taskmon.notifier.admin.AdminAccess;
import io.taskmon.notifier.admin.NotifierAdmin;
import io.taskmon.notifier.admin.NotifierConfigPublisher;
import jakarta.mail.internet.MimeMessage;
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

/** {@code POST /api/channels/{id}/test} over real HTTP, to a real SMTP server and real webhook receivers. */
class ChannelTestNotificationTest {

    private static final String ADMIN = "Bearer admin-1";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GreenMail mailServer;
    private static EmbeddedServer server;

    record Answer(int status, JsonNode json) {
    }

    @BeforeAll
    static void start() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        NotifierSettings settings = TestAlerts.notifierSettings(bootstrap, "unused")
                .withSmtp(new SmtpSettings("127.0.0.1", mailServer.getSmtp().getPort(), null, null,
                        "taskmon@example.com", false));
        NotifierAdmin admin = new NotifierAdmin(new NotifierConfigView(bootstrap, Map.of()),
                new NotifierConfigPublisher(bootstrap, Duration.ofSeconds(10), Map.of()),
                new AdminAccess(new AccessKeys(List.of("admin-1")), new AccessKeys(List.of("ingest-1"))),
                Duration.ofSeconds(10), Clock.systemUTC(),
                new ChannelTester(ChannelSenders.of(settings, Clock.systemUTC()), Clock.systemUTC()));
        server = ApplicationContext.builder()
                .properties(Map.of("micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"))
                .singletons(admin)
                .run(EmbeddedServer.class);
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().getBean(NotifierAdmin.class).close();
        server.close();
        mailServer.stop();
    }

    private static Answer post(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null
                : EventJson.mapper().readTree(response.body()));
    }

    private static String channel(String body) throws Exception {
        Answer created = post("/api/channels", body);
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Test
    void shouldMailATestNotificationAndAnswerDelivered() throws Exception {
        String recipient = "test-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = channel("{\"name\":\"ops-mail\",\"type\":\"email\",\"to\":[\"" + recipient + "\"]}");

        Answer answer = post("/api/channels/" + id + "/test", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(EventJson.mapper().readTree("{\"delivered\":true}"));
        // Sent before the answer, so it is in the inbox already.
        MimeMessage[] inbox = mailServer.getReceivedMessagesForDomain(recipient);
        assertThat(inbox).hasSize(1);
        assertThat(inbox[0].getSubject()).isEqualTo("[taskmon] FAILING: taskmon test notification ("
                + TestNotification.TASK_KEY + ")");
    }

    @Test
    void shouldAnswer502WithTheReasonWhenTheWebhookReceiverRefuses() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            receiver.answer(n -> WebhookReceiver.Answer.status(500));
            String id = channel("{\"name\":\"hook\",\"type\":\"webhook\",\"url\":\"" + receiver.url()
                    + "\",\"secret\":\"" + SECRET + "\"}");

            Answer answer = post("/api/channels/" + id + "/test", null);

            assertThat(answer.status()).isEqualTo(502);
            assertThat(answer.json().get("error").asText()).isEqualTo(
                    "The test notification on channel 'hook' was not delivered: HTTP 500 from 127.0.0.1");
            assertThat(receiver.received()).singleElement().satisfies(received -> {
                assertThat(received.signatureValid()).isTrue();
                assertThat(received.body()).contains("\"type\":\"alert.failing\"", TestNotification.TASK_KEY);
            });
        }
    }

    @Test
    void shouldAnswer504WhenTheWebhookReceiverDoesNotAnswerInTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            // The attempt timeout of these settings is one second.
            receiver.answer(n -> new WebhookReceiver.Answer(204, null, 3_000));
            String id = channel("{\"name\":\"slow-hook\",\"type\":\"webhook\",\"url\":\"" + receiver.url()
                    + "\",\"secret\":\"" + SECRET + "\"}");

            Answer answer = post("/api/channels/" + id + "/test", null);

            assertThat(answer.status()).isEqualTo(504);
            assertThat(answer.json().get("error").asText()).isEqualTo(
                    "The test notification on channel 'slow-hook' was not delivered: no answer from 127.0.0.1 within 1000 ms");
        }
    }

    @Test
    void shouldAnswer404ForAChannelThatDoesNotExist() throws Exception {
        Answer answer = post("/api/channels/" + UUID.randomUUID() + "/test", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).startsWith("No channel has the id ");
    }
}

package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Teams deliveries to a real HTTP receiver on loopback standing in for a Teams incoming webhook. */
class TeamsDeliveryTest {

    private static TestAlerts topics;
    private static Notifier notifier;

    @BeforeAll
    static void start() {
        topics = new TestAlerts();
        notifier = new Notifier(TestAlerts.notifierSettings(topics.bootstrap, "teams-test-" + UUID.randomUUID()));
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        topics.close();
    }

    private static String prefix() {
        return "teams_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    private static void routeAndWait(String prefix, Channel channel) {
        var route = topics.route(prefix, channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.configView().route(route.routeId()).isPresent());
    }

    @Test
    void shouldPostAnAdaptiveCardWithTaskMachineStatusStreakLastMessageAndLink() throws Exception {
        try (JsonReceiver teams = new JsonReceiver()) {
            String prefix = prefix();
            Channel channel = topics.channel("ops-teams", ChannelType.TEAMS, teams.url("/webhookb2/T0K3N"), null);
            routeAndWait(prefix, channel);

            Alert alert = topics.failing(prefix + "nightly_import", "ナイトリー取込");

            await().atMost(Duration.ofSeconds(20)).until(() -> teams.taken().size() == 1);
            JsonReceiver.Received received = teams.received().get(0);
            assertThat(received.path()).isEqualTo("/webhookb2/T0K3N");
            JsonNode message = received.body();
            assertThat(message.get("type").asText()).isEqualTo("message");
            assertThat(message.get("attachments")).hasSize(1);
            JsonNode attachment = message.get("attachments").get(0);
            assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            JsonNode card = attachment.get("content");
            assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(card.get("version").asText()).isEqualTo("1.4");
            assertThat(card.at("/body/0/text").asText())
                    .isEqualTo("[taskmon] FAILING: ナイトリー取込 (" + prefix + "nightly_import on WEB-01)");
            assertThat(card.at("/body/0/color").asText()).isEqualTo("Attention");
            assertThat(card.at("/body/1/text").asText()).isEqualTo("ナイトリー取込 failed 3 times in a row");
            assertThat(card.at("/body/2/type").asText()).isEqualTo("FactSet");
            List<String> facts = card.at("/body/2/facts").findValuesAsText("title");
            List<String> values = card.at("/body/2/facts").findValuesAsText("value");
            assertThat(facts).containsExactly("Task", "Machine", "Status", "Streak", "Last message");
            assertThat(values).containsExactly("ナイトリー取込 (" + prefix + "nightly_import)", "WEB-01", "FAILING",
                    "3 failures in a row", "取込失敗: 接続タイムアウト");
            assertThat(card.get("actions")).hasSize(1);
            assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
            assertThat(card.at("/actions/0/url").asText())
                    .isEqualTo("http://dashboard.example:8080/monitors/" + alert.monitorId());

            UUID deliveryId = Delivery.idOf(alert.alertId(), channel.channelId());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    DeliverySteps.states(topics.bootstrap, deliveryId).contains(DeliveryState.DELIVERED));
            assertThat(DeliverySteps.states(topics.bootstrap, deliveryId))
                    .containsExactly(DeliveryState.OWED, DeliveryState.DELIVERED);
        }
    }

    @Test
    void shouldRetryAfterA5xxAndWaitOutTeamsRetryAfter() throws Exception {
        try (JsonReceiver teams = new JsonReceiver()) {
            teams.answer(n -> switch (n) {
                case 0 -> WebhookReceiver.Answer.status(502);
                case 1 -> new WebhookReceiver.Answer(429, "2", 0);
                default -> WebhookReceiver.Answer.status(200);
            });
            String prefix = prefix();
            Channel channel = topics.channel("busy-teams", ChannelType.TEAMS, teams.url("/webhookb2/busy"), null);
            routeAndWait(prefix, channel);

            Alert alert = topics.failing(prefix + "tax_import", "税務取込");

            await().atMost(Duration.ofSeconds(30)).until(() -> teams.taken().size() == 1);
            List<JsonReceiver.Received> received = teams.received();
            assertThat(received).extracting(JsonReceiver.Received::answeredStatus).containsExactly(502, 429, 200);
            assertThat(received.get(2).receivedAtMillis() - received.get(1).receivedAtMillis())
                    .as("Retry-After: 2 holds the channel").isGreaterThanOrEqualTo(1_900);
            assertThat(received).extracting(r -> r.body().at("/attachments/0/content/body/0/text").asText())
                    .containsOnly("[taskmon] FAILING: 税務取込 (" + prefix + "tax_import on WEB-01)");

            UUID deliveryId = Delivery.idOf(alert.alertId(), channel.channelId());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    DeliverySteps.states(topics.bootstrap, deliveryId).contains(DeliveryState.DELIVERED));
            List<Delivery> steps = DeliverySteps.of(topics.bootstrap, deliveryId);
            assertThat(steps).extracting(Delivery::state).containsExactly(DeliveryState.OWED,
                    DeliveryState.RETRYING, DeliveryState.RETRYING, DeliveryState.DELIVERED);
            assertThat(steps.get(1).lastError()).isEqualTo("HTTP 502 from 127.0.0.1");
            assertThat(steps.get(2).lastError()).isEqualTo("HTTP 429 from 127.0.0.1");
            assertThat(steps.get(3).attempts()).isEqualTo(3);
        }
    }
}

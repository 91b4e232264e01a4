package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slack and PagerDuty deliveries to real HTTP receivers on loopback, standing in for the services. */
class SlackPagerDutyDeliveryTest {

    private static final String ROUTING_KEY = "R0ut1ngKeyR0ut1ngKeyR0ut1ngKey12";
    private static TestAlerts topics;
    private static Notifier notifier;

    @BeforeAll
    static void start() {
        topics = new TestAlerts();
        notifier = new Notifier(TestAlerts.notifierSettings(topics.bootstrap, "chat-test-" + UUID.randomUUID()));
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        topics.close();
    }

    private static String prefix() {
        return "chat_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    private static void routeAndWait(String prefix, Channel channel) {
        var route = topics.route(prefix, channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.configView().route(route.routeId()).isPresent());
    }

    private static List<String> fieldTexts(JsonNode message) {
        return message.get("blocks").get(1).get("fields").findValuesAsText("text");
    }

    @Test
    void shouldPostASlackMessageWithTaskMachineStatusStreakLastMessageAndLink() throws Exception {
        try (JsonReceiver slack = new JsonReceiver()) {
            String prefix = prefix();
            Channel channel = topics.channel("ops-slack", ChannelType.SLACK, slack.url("/services/T0/B0/X0K3N"), null);
            routeAndWait(prefix, channel);

            Alert alert = topics.failing(prefix + "nightly_import", "ナイトリー取込");

            await().atMost(Duration.ofSeconds(20)).until(() -> slack.taken().size() == 1);
            JsonReceiver.Received received = slack.received().get(0);
            assertThat(received.path()).isEqualTo("/services/T0/B0/X0K3N");
            JsonNode message = received.body();
            assertThat(message.get("text").asText())
                    .isEqualTo("[taskmon] FAILING: ナイトリー取込 (" + prefix + "nightly_import on WEB-01)");
            assertThat(fieldTexts(message)).containsExactly(
                    "*Task*\nナイトリー取込 (" + prefix + "nightly_import)",
                    "*Machine*\nWEB-01",
                    "*Status*\nFAILING",
                    "*Streak*\n3 failures in a row",
                    "*Last message*\n取込失敗: 接続タイムアウト");
            assertThat(message.get("blocks").get(2).get("text").get("text").asText())
                    .isEqualTo("<http://dashboard.example:8080/monitors/" + alert.monitorId() + "|Open the monitor page>");
        }
    }

    @Test
    void shouldWaitOutSlacksRetryAfterAndSendAtMostOneMessageASecond() throws Exception {
        try (JsonReceiver slack = new JsonReceiver()) {
            slack.answer(n -> n == 0 ? new WebhookReceiver.Answer(429, "2", 0) : WebhookReceiver.Answer.status(200));
            String prefix = prefix();
            Channel channel = topics.channel("busy-slack", ChannelType.SLACK, slack.url("/services/busy"), null);
            routeAndWait(prefix, channel);

            topics.failing(prefix + "first", "first");
            topics.failing(prefix + "second", "second");
            topics.failing(prefix + "third", "third");

            await().atMost(Duration.ofSeconds(30)).until(() -> slack.taken().size() == 3);
            List<JsonReceiver.Received> received = slack.received();
            assertThat(received).hasSize(4);
            assertThat(received.get(0).answeredStatus()).isEqualTo(429);
            assertThat(received.get(1).receivedAtMillis() - received.get(0).receivedAtMillis())
                    .as("Retry-After: 2 holds the channel").isGreaterThanOrEqualTo(1_900);
            for (int i = 2; i < received.size(); i++) {
                assertThat(received.get(i).receivedAtMillis() - received.get(i - 1).receivedAtMillis())
                        .as("one message a second").isGreaterThanOrEqualTo(950);
            }
            assertThat(slack.taken()).extracting(r -> r.body().get("text").asText())
                    .allMatch(text -> text.startsWith("[taskmon] FAILING: ")).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldTriggerAPagerDutyIncidentByAlertIdAndResolveItOnRecovery() throws Exception {
        try (JsonReceiver pagerDuty = new JsonReceiver()) {
            pagerDuty.answer(n -> WebhookReceiver.Answer.status(202));
            String prefix = prefix();
            Channel channel = topics.channel("pager", ChannelType.PAGERDUTY, pagerDuty.url("/v2/enqueue"), ROUTING_KEY);
            routeAndWait(prefix, channel);

            Alert failing = topics.failing(prefix + "tax_import", "税務取込");
            await().atMost(Duration.ofSeconds(20)).until(() -> pagerDuty.taken().size() == 1);
            Alert recovered = topics.recovered(prefix + "tax_import", "税務取込", failing.alertId());
            await().atMost(Duration.ofSeconds(20)).until(() -> pagerDuty.taken().size() == 2);

            JsonNode trigger = pagerDuty.received().get(0).body();
            assertThat(trigger.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
            assertThat(trigger.get("dedup_key").asText()).isEqualTo(failing.alertId().toString());
            assertThat(trigger.at("/payload/summary").asText()).isEqualTo("税務取込 failed 3 times in a row");
            assertThat(trigger.at("/payload/source").asText()).isEqualTo("WEB-01");
            assertThat(trigger.at("/payload/severity").asText()).isEqualTo("error");
            assertThat(trigger.at("/links/0/href").asText())
                    .isEqualTo("http://dashboard.example:8080/monitors/" + failing.monitorId());

            JsonNode resolve = pagerDuty.received().get(1).body();
            assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
            assertThat(resolve.get("dedup_key").asText())
                    .as("the incident of the alert it resolves, not its own id %s", recovered.alertId())
                    .isEqualTo(failing.alertId().toString());
            assertThat(resolve.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
            assertThat(resolve.has("payload")).isFalse();
        }
    }
}

package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import io.taskmon.events.EventJson;
import io.taskmon.events.Route;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Floods grouped per channel, against real receivers: the first alert goes out at once and the
 * rest of a burst as one digest, so many failed jobs make two messages; PagerDuty is never grouped.
 */
class DigestGroupingTest {

    private static final int GROUP_SECONDS = 5;
    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789ABCDEFGHIJKL";
    private static GreenMail mailServer;
    private static TestAlerts topics;
    private static Notifier notifier;

    @BeforeAll
    static void start() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
        topics = new TestAlerts();
        NotifierSettings settings = TestAlerts.notifierSettings(topics.bootstrap, "digest-test-" + UUID.randomUUID())
                .withSmtp(new SmtpSettings("127.0.0.1", mailServer.getSmtp().getPort(), null, null,
                        "taskmon@example.com", false));
        notifier = new Notifier(settings);
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        topics.close();
        mailServer.stop();
    }

    @Test
    void shouldSendTheFirstAlertAtOnceAndTheRestOfAFloodAsOneSignedWebhookDigest() throws Exception {
        String prefix = prefix("dgw");
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            receiver.answer(n -> WebhookReceiver.Answer.status(200));
            Channel hook = topics.webhook("digest-hook", receiver.url(), secret, GROUP_SECONDS);
            routed(prefix, hook);

            List<Alert> alerts = raise(prefix, 41);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 2);
            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).allMatch(WebhookReceiver.Received::signatureValid);
            JsonNode first = EventJson.mapper().readTree(received.get(0).body());
            JsonNode digest = EventJson.mapper().readTree(received.get(1).body());
            assertThat(first.get("type").asText()).isEqualTo("alert.failing");
            assertThat(received.get(0).webhookId())
                    .isEqualTo(Delivery.idOf(UUID.fromString(first.get("data").get("alert_id").asText()),
                            hook.channelId()).toString());
            assertThat(digest.get("type").asText()).isEqualTo("alert.digest");
            assertThat(digest.get("data").get("alerts")).hasSize(40);
            Set<String> told = new HashSet<>();
            told.add(first.get("data").get("alert_id").asText());
            digest.get("data").get("alerts").forEach(a -> told.add(a.get("alert_id").asText()));
            assertThat(told).containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> a.alertId().toString()).toList());
            List<Delivery> steps = DeliverySteps.all(topics.bootstrap);
            for (Alert alert : alerts) {
                UUID id = Delivery.idOf(alert.alertId(), hook.channelId());
                assertThat(steps.stream().filter(d -> d.deliveryId().equals(id)).map(Delivery::state).toList())
                        .containsExactly(DeliveryState.OWED, DeliveryState.DELIVERED);
            }
        }
    }

    @Test
    void shouldMailAFloodAsTwoMessages() throws Exception {
        String prefix = prefix("dge");
        String to = prefix + "@example.com";
        Channel mail = topics.email("digest-mail", List.of(to), GROUP_SECONDS);
        routed(prefix, mail);

        raise(prefix, 30);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(to).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(to).size() == 2);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : mailsTo(to)) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).contains("[taskmon] 29 alerts: 29 FAILING");
        assertThat(subjects).anyMatch(s -> s.startsWith("[taskmon] FAILING: 一括障害"));
    }

    @Test
    void shouldPostAFloodToSlackAsTwoMessages() throws Exception {
        String prefix = prefix("dgs");
        try (JsonReceiver slack = new JsonReceiver()) {
            Channel channel = topics.channel("digest-slack", ChannelType.SLACK, slack.url("/services/T0/B0/D1G"), null,
                    GROUP_SECONDS);
            routed(prefix, channel);

            raise(prefix, 12);

            await().atMost(Duration.ofSeconds(30)).until(() -> slack.received().size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> slack.received().size() == 2);
            JsonNode digest = slack.received().get(1).body();
            assertThat(digest.get("text").asText()).isEqualTo("[taskmon] 11 alerts: 11 FAILING");
            String lines = digest.get("blocks").get(0).get("text").get("text").asText();
            assertThat(lines.split("\n• ")).hasSize(12);
        }
    }

    @Test
    void shouldNeverGroupPagerDutyEvents() throws Exception {
        String prefix = prefix("dgp");
        try (JsonReceiver pagerDuty = new JsonReceiver()) {
            // A window on the record, as a hand-written setting could carry: PagerDuty ignores it.
            Channel channel = topics.channel("digest-pager", ChannelType.PAGERDUTY, pagerDuty.url("/v2/enqueue"),
                    ROUTING_KEY, GROUP_SECONDS);
            routed(prefix, channel);

            List<Alert> alerts = raise(prefix, 5);

            await().atMost(Duration.ofSeconds(30)).until(() -> pagerDuty.received().size() == 5);
            assertThat(pagerDuty.received()).extracting(r -> r.body().get("dedup_key").asText())
                    .containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> a.alertId().toString()).toList());
        }
    }

    @Test
    void shouldSendEachAlertAloneWhenGroupingIsOff() throws Exception {
        String prefix = prefix("dg0");
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            receiver.answer(n -> WebhookReceiver.Answer.status(200));
            Channel hook = topics.webhook("no-digest-hook", receiver.url(), secret, 0);
            routed(prefix, hook);

            List<Alert> alerts = raise(prefix, 6);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 6);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::webhookId)
                    .containsExactlyInAnyOrderElementsOf(alerts.stream()
                            .map(a -> Delivery.idOf(a.alertId(), hook.channelId()).toString()).toList());
        }
    }

    private static void routed(String prefix, Channel channel) {
        Route route = topics.route(prefix, channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.configView().route(route.routeId()).isPresent()
                && notifier.configView().channel(channel.channelId()).isPresent());
    }

    /** A burst of failures of different jobs, as a database outage makes them. */
    private static List<Alert> raise(String prefix, int count) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alerts.add(topics.failing(prefix + "job_" + i, "一括障害 " + i));
        }
        return alerts;
    }

    private static List<MimeMessage> mailsTo(String to) {
        List<MimeMessage> messages = new ArrayList<>();
        for (MimeMessage message : mailServer.getReceivedMessages()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(to)) {
                    messages.add(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return messages;
    }

    private static String prefix(String test) {
        return test + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }
}

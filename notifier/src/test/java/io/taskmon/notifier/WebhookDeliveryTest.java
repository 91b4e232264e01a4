package io.taskmon.notifier;

import static io.taskmon.events.DeliveryState.DELIVERED;
import static io.taskmon.events.DeliveryState.OWED;
import static io.taskmon.events.DeliveryState.RETRYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import io.taskmon.events.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook deliveries from a real notifier on the real broker to real HTTP receivers on loopback. */
class WebhookDeliveryTest {

    private static TestAlerts topics;
    private static Notifier notifier;

    @BeforeAll
    static void start() {
        topics = new TestAlerts();
        notifier = new Notifier(TestAlerts.notifierSettings(topics.bootstrap, "webhook-test-" + UUID.randomUUID()));
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        topics.close();
    }

    private static String prefix() {
        return "wh_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    private static Route routeKnownToNotifier(Route route) {
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.configView().route(route.routeId()).isPresent());
        return route;
    }

    @Test
    void shouldSignEachWebhookPerTheStandardAndDeliverItOnce() throws IOException {
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            String prefix = prefix();
            Channel hook = topics.webhook("hook", receiver.url(), secret);
            routeKnownToNotifier(topics.route(prefix, hook));

            Alert alert = topics.failing(prefix + "nightly_import", "ナイトリー取込");

            String webhookId = Delivery.idOf(alert.alertId(), hook.channelId()).toString();
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.taken(webhookId) == 1);
            WebhookReceiver.Received request = receiver.received().get(0);
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.webhookId()).isEqualTo(webhookId);
            assertThat(request.timestamp()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(30L));
            assertThat(request.body()).contains("\"type\":\"alert.failing\"", "\"task_name\":\"ナイトリー取込\"",
                    "\"alert_id\":\"" + alert.alertId() + "\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> DeliverySteps.states(topics.bootstrap,
                    UUID.fromString(webhookId)), states -> states.equals(List.of(OWED, DELIVERED)));
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void shouldRetryServerErrorsWithTheSameWebhookIdUntilTheReceiverTakesIt() throws IOException {
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            receiver.answer(n -> WebhookReceiver.Answer.status(n < 2 ? 500 : 200));
            String prefix = prefix();
            Channel hook = topics.webhook("flaky", receiver.url(), secret);
            routeKnownToNotifier(topics.route(prefix, hook));

            Alert alert = topics.failing(prefix + "sync", "日次同期");

            UUID deliveryId = Delivery.idOf(alert.alertId(), hook.channelId());
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.taken(deliveryId.toString()) == 1);
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::answeredStatus)
                    .containsExactly(500, 500, 200);
            assertThat(receiver.received()).allSatisfy(r -> {
                assertThat(r.webhookId()).isEqualTo(deliveryId.toString());
                assertThat(r.signatureValid()).isTrue();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> DeliverySteps.states(topics.bootstrap, deliveryId),
                    states -> states.equals(List.of(OWED, RETRYING, RETRYING, DELIVERED)));
            List<Delivery> steps = DeliverySteps.of(topics.bootstrap, deliveryId);
            assertThat(steps.get(1).lastError()).isEqualTo("HTTP 500 from 127.0.0.1");
            assertThat(steps.get(3).attempts()).isEqualTo(3);
        }
    }

    @Test
    void shouldWaitAsLongAsRetryAfterAsksWhenTheReceiverAnswers429() throws IOException {
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            receiver.answer(n -> n == 0 ? new WebhookReceiver.Answer(429, "2", 0) : WebhookReceiver.Answer.status(202));
            String prefix = prefix();
            Channel hook = topics.webhook("limited", receiver.url(), secret);
            routeKnownToNotifier(topics.route(prefix, hook));

            Alert alert = topics.failing(prefix + "report", "月次レポート");

            String webhookId = Delivery.idOf(alert.alertId(), hook.channelId()).toString();
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.taken(webhookId) == 1);
            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).hasSize(2);
            // The policy's own first delay is 200 ms; only Retry-After explains two seconds.
            assertThat(requests.get(1).receivedAtMillis() - requests.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(1900);
        }
    }

    @Test
    void shouldRetryWhenTheReceiverDoesNotAnswerWithinTheTimeout() throws IOException {
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            receiver.answer(n -> n == 0 ? new WebhookReceiver.Answer(200, null, 2500) : WebhookReceiver.Answer.status(200));
            String prefix = prefix();
            Channel hook = topics.webhook("slow", receiver.url(), secret);
            routeKnownToNotifier(topics.route(prefix, hook));

            Alert alert = topics.failing(prefix + "export", "导出任务");

            UUID deliveryId = Delivery.idOf(alert.alertId(), hook.channelId());
            await().atMost(Duration.ofSeconds(20)).until(() -> DeliverySteps.states(topics.bootstrap, deliveryId),
                    states -> states.equals(List.of(OWED, RETRYING, DELIVERED)));
            assertThat(DeliverySteps.of(topics.bootstrap, deliveryId).get(1).lastError())
                    .isEqualTo("no answer from 127.0.0.1 within 1000 ms");
        }
    }

    @Test
    void shouldDeliverOnceAReceiverThatWasDownIsBack() throws IOException {
        String secret = TestAlerts.newSecret();
        WebhookReceiver gone = new WebhookReceiver(secret);
        int port = gone.port();
        gone.close();
        String prefix = prefix();
        Channel hook = topics.webhook("down", "http://127.0.0.1:" + port + "/hook", secret);
        routeKnownToNotifier(topics.route(prefix, hook));

        Alert alert = topics.failing(prefix + "backup", "バックアップ");

        UUID deliveryId = Delivery.idOf(alert.alertId(), hook.channelId());
        await().atMost(Duration.ofSeconds(20)).until(() -> DeliverySteps.of(topics.bootstrap, deliveryId).stream()
                .filter(d -> d.state() == RETRYING).count() >= 2);
        assertThat(DeliverySteps.of(topics.bootstrap, deliveryId).get(1).lastError()).startsWith("cannot reach 127.0.0.1");
        try (WebhookReceiver back = new WebhookReceiver(secret, port)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> back.taken(deliveryId.toString()) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> DeliverySteps.states(topics.bootstrap, deliveryId),
                    states -> states.get(states.size() - 1) == DELIVERED);
            assertThat(back.received()).hasSize(1);
        }
    }

    @Test
    void shouldNotLetAChannelThatNeverAnswersDelayAnotherChannel() throws IOException {
        String secret = TestAlerts.newSecret();
        try (WebhookReceiver stalled = new WebhookReceiver(secret); WebhookReceiver quick = new WebhookReceiver(secret)) {
            stalled.answer(n -> new WebhookReceiver.Answer(200, null, 5000));
            String prefix = prefix();
            Channel stuck = topics.webhook("stalled", stalled.url(), secret);
            Channel fast = topics.webhook("quick", quick.url(), secret);
            routeKnownToNotifier(topics.route(prefix, stuck, fast));

            long sentAt = System.currentTimeMillis();
            List<Alert> alerts = List.of(topics.failing(prefix + "a", "A"), topics.failing(prefix + "b", "B"),
                    topics.failing(prefix + "c", "C"));

            // Through the stalled channel's lane these three would take three timeouts of a second each.
            await().atMost(Duration.ofSeconds(20)).until(() -> alerts.stream().allMatch(
                    a -> quick.taken(Delivery.idOf(a.alertId(), fast.channelId()).toString()) == 1));
            long lastQuick = quick.received().stream().mapToLong(WebhookReceiver.Received::receivedAtMillis).max()
                    .orElseThrow();
            assertThat(lastQuick - sentAt).isLessThan(2500);
        }
    }
}

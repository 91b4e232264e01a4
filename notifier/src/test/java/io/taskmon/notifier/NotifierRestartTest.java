package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A notifier stopped in the middle of its work and started again: nothing owed is lost, nothing finished repeated. */
class NotifierRestartTest {

    @Test
    void shouldResumeWhatIsOwedAndNotRepeatWhatIsDeliveredAfterARestart() throws Exception {
        String group = "restart-test-" + UUID.randomUUID();
        String prefix = "rs_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        String secret = TestAlerts.newSecret();
        try (TestAlerts topics = new TestAlerts(); WebhookReceiver receiver = new WebhookReceiver(secret)) {
            // The receiver takes the early alerts and refuses the late ones until it is told otherwise.
            receiver.answer(n -> WebhookReceiver.Answer.status(200));
            Channel hook = topics.webhook("restart", receiver.url(), secret);
            topics.route(prefix, hook);
            Notifier first = new Notifier(TestAlerts.notifierSettings(topics.bootstrap, group));
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(first::isRunning);
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.configView().routes().isEmpty()
                    && first.configView().channel(hook.channelId()).isPresent());

            List<UUID> early = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                early.add(id(topics.failing(prefix + "early_" + i, "先行" + i), hook));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> early.stream().allMatch(id -> receiver.taken(id.toString()) == 1));
            receiver.answer(n -> WebhookReceiver.Answer.status(503));
            List<UUID> late = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                late.add(id(topics.failing(prefix + "late_" + i, "後続" + i), hook));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> late.stream().allMatch(id ->
                    DeliverySteps.states(topics.bootstrap, id).contains(DeliveryState.RETRYING)));
            first.close();

            // Raised while no notifier runs: the group's committed position keeps them.
            List<UUID> whileDown = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                whileDown.add(id(topics.failing(prefix + "down_" + i, "停止中" + i), hook));
            }
            receiver.answer(n -> WebhookReceiver.Answer.status(200));
            int requestsBeforeRestart = receiver.received().size();

            try (Notifier second = new Notifier(TestAlerts.notifierSettings(topics.bootstrap, group))) {
                second.start();
                List<UUID> owed = new ArrayList<>(late);
                owed.addAll(whileDown);
                await().atMost(Duration.ofSeconds(30)).until(() -> owed.stream()
                        .allMatch(id -> receiver.taken(id.toString()) == 1));
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        owed.stream().allMatch(id -> receiver.taken(id.toString()) == 1)
                                && early.stream().allMatch(id -> receiver.taken(id.toString()) == 1));
                assertThat(receiver.received().subList(requestsBeforeRestart, receiver.received().size()))
                        .extracting(WebhookReceiver.Received::webhookId)
                        .doesNotContainAnyElementsOf(early.stream().map(UUID::toString).toList());
                for (UUID id : owed) {
                    assertThat(DeliverySteps.of(topics.bootstrap, id))
                            .filteredOn(d -> d.state() == DeliveryState.OWED).hasSize(1);
                    assertThat(DeliverySteps.states(topics.bootstrap, id)).last().isEqualTo(DeliveryState.DELIVERED);
                }
            }
        }
    }

    private static UUID id(Alert alert, Channel channel) {
        return Delivery.idOf(alert.alertId(), channel.channelId());
    }
}

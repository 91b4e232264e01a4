package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.Alert;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorMute;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.RouteMatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Mutes and maintenance windows on a real broker with a webhook receiver on loopback: alerts of a
 * muted monitor are recorded as held, not sent; when the mute ends, one still open is sent once
 * and one that recovered meanwhile is not. Time is moved through the notifier's clock.
 */
class HeldDeliveryTest {

    /** A Saturday 00:30 in Taipei (UTC+8): half an hour before the window "0 1 * * 6" opens. */
    private static final Instant SATURDAY_0030_TAIPEI = Instant.parse("2026-12-04T16:30:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = TestAlerts.newSecret();

    @Test
    void shouldHoldASnoozedMonitorAndSendWhatIsStillOpenOnceWhenTheSnoozeEnds() throws Exception {
        String prefix = prefix("snz");
        MovableClock clock = new MovableClock(SATURDAY_0030_TAIPEI);
        try (TestAlerts topics = new TestAlerts(); WebhookReceiver receiver = receiver()) {
            Channel hook = topics.webhook("snooze", receiver.url(), SECRET);
            topics.route(prefix, hook);
            Instant until = clock.instant().plus(Duration.ofHours(1));
            topics.mute(prefix + "open", until);
            topics.mute(prefix + "recovers", until);
            topics.mute(prefix + "unmuted", clock.instant().plus(Duration.ofDays(1)));
            try (Notifier notifier = started(topics, clock, List.of(prefix + "open", prefix + "recovers", prefix + "unmuted"))) {
                Alert open = topics.failing(prefix + "open", "ナイトリー取込");
                Alert recovers = topics.failing(prefix + "recovers", "夜間集計");
                Alert recovered = topics.recovered(prefix + "recovers", "夜間集計", recovers.alertId());
                Alert unmuted = topics.failing(prefix + "unmuted", "月次請求");
                await().atMost(WAIT).until(() -> states(topics, open, hook).equals(List.of(DeliveryState.HELD))
                        && states(topics, recovers, hook).equals(List.of(DeliveryState.HELD, DeliveryState.SUPPRESSED))
                        && states(topics, recovered, hook).equals(List.of(DeliveryState.SUPPRESSED))
                        && states(topics, unmuted, hook).equals(List.of(DeliveryState.HELD)));
                assertThat(receiver.received()).isEmpty();
                assertThat(steps(topics, open, hook).get(0).reason()).contains("muted until " + until);

                clock.set(until.plusSeconds(1));
                await().atMost(WAIT).until(() -> receiver.taken(id(open, hook)) == 1);
                topics.unmute(prefix + "unmuted");
                await().atMost(WAIT).until(() -> receiver.taken(id(unmuted, hook)) == 1);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        receiver.received().size() == 2);
                assertThat(receiver.received()).extracting(WebhookReceiver.Received::webhookId)
                        .containsExactlyInAnyOrder(id(open, hook), id(unmuted, hook));
                assertThat(states(topics, open, hook))
                        .containsExactly(DeliveryState.HELD, DeliveryState.OWED, DeliveryState.DELIVERED);
            }
        }
    }

    @Test
    void shouldHoldAlertsInAMaintenanceWindowOnItsScheduleAndSendThemWhenItCloses() throws Exception {
        String prefix = prefix("win");
        MovableClock clock = new MovableClock(SATURDAY_0030_TAIPEI);
        try (TestAlerts topics = new TestAlerts(); WebhookReceiver receiver = receiver()) {
            Channel hook = topics.webhook("window", receiver.url(), SECRET);
            topics.route(prefix, hook);
            topics.window("weekly patching " + prefix, prefix, "0 1 * * 6", Duration.ofHours(2), "Asia/Taipei");
            try (Notifier notifier = started(topics, clock, List.of())) {
                await().atMost(WAIT).until(() -> notifier.configView().maintenanceWindows().stream()
                        .anyMatch(w -> w.name().endsWith(prefix)));
                Alert before = topics.failing(prefix + "before", "窓の前");
                await().atMost(WAIT).until(() -> receiver.taken(id(before, hook)) == 1);

                clock.set(SATURDAY_0030_TAIPEI.plus(Duration.ofHours(1)));
                Alert inside = topics.failing(prefix + "inside", "窓の中");
                await().atMost(WAIT).until(() -> states(topics, inside, hook).equals(List.of(DeliveryState.HELD)));
                assertThat(steps(topics, inside, hook).get(0).reason()).contains("weekly patching " + prefix);
                assertThat(steps(topics, inside, hook).get(0).nextAttemptAt())
                        .isEqualTo(SATURDAY_0030_TAIPEI.plus(Duration.ofMinutes(150)));

                clock.set(SATURDAY_0030_TAIPEI.plus(Duration.ofMinutes(149)));
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        receiver.taken(id(inside, hook)) == 0);
                clock.set(SATURDAY_0030_TAIPEI.plus(Duration.ofMinutes(150)));
                await().atMost(WAIT).until(() -> receiver.taken(id(inside, hook)) == 1);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        receiver.received().size() == 2);
            }
        }
    }

    @Test
    void shouldKeepWhatIsHeldAcrossARestartAndSendItOnce() throws Exception {
        String prefix = prefix("rsh");
        String group = "held-restart-" + UUID.randomUUID();
        MovableClock clock = new MovableClock(SATURDAY_0030_TAIPEI);
        try (TestAlerts topics = new TestAlerts(); WebhookReceiver receiver = receiver()) {
            Channel hook = topics.webhook("held-restart", receiver.url(), SECRET);
            topics.route(prefix, hook);
            Instant until = clock.instant().plus(Duration.ofHours(3));
            topics.mute(prefix + "held", until);
            topics.mute(prefix + "down", until);
            Alert held;
            try (Notifier first = started(topics, clock, group, List.of(prefix + "held", prefix + "down"))) {
                held = topics.failing(prefix + "held", "保留中");
                await().atMost(WAIT).until(() -> states(topics, held, hook).equals(List.of(DeliveryState.HELD)));
            }
            Alert whileDown = topics.failing(prefix + "down", "停止中");

            try (Notifier second = started(topics, clock, group, List.of(prefix + "held", prefix + "down"))) {
                await().atMost(WAIT).until(() -> states(topics, whileDown, hook).equals(List.of(DeliveryState.HELD)));
                assertThat(receiver.received()).isEmpty();
                clock.set(until);
                await().atMost(WAIT).until(() -> receiver.taken(id(held, hook)) == 1
                        && receiver.taken(id(whileDown, hook)) == 1);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        receiver.received().size() == 2);
                for (Alert alert : List.of(held, whileDown)) {
                    assertThat(states(topics, alert, hook))
                            .containsExactly(DeliveryState.HELD, DeliveryState.OWED, DeliveryState.DELIVERED);
                }
            }
        }
    }

    @Test
    void shouldKeepDeliveringWhenTheTopicHoldsAMuteOrWindowItCannotRead() throws Exception {
        String prefix = prefix("bad");
        MovableClock clock = new MovableClock(SATURDAY_0030_TAIPEI);
        try (TestAlerts topics = new TestAlerts(); WebhookReceiver receiver = receiver()) {
            Channel hook = topics.webhook("bad-settings", receiver.url(), SECRET);
            topics.route(prefix, hook);
            MonitorMute mute = new MonitorMute(MonitorId.of(prefix + "task", "bat", "WEB-01"),
                    clock.instant().plus(Duration.ofHours(1)), Instant.now());
            topics.setting("mute:not-a-monitor-id", NotifierSetting.of(mute));
            MaintenanceWindow unreadable = new MaintenanceWindow(UUID.randomUUID(), "broken " + prefix,
                    new RouteMatch(List.of(), List.of(), prefix + "*", null), "every saturday", 3600, "Asia/Atlantis",
                    Instant.now());
            topics.setting(NotifierSetting.keyOf(unreadable), NotifierSetting.of(unreadable));
            try (Notifier notifier = started(topics, clock, List.of())) {
                Alert alert = topics.failing(prefix + "task", "壊れた設定");
                await().atMost(WAIT).until(() -> receiver.taken(id(alert, hook)) == 1);
                assertThat(notifier.isRunning()).isTrue();
                assertThat(notifier.configView().maintenanceWindow(unreadable.windowId())).isEmpty();
            }
        }
    }

    private static Notifier started(TestAlerts topics, MovableClock clock, List<String> mutedTasks) {
        return started(topics, clock, "held-test-" + UUID.randomUUID(), mutedTasks);
    }

    /** A notifier on the clock, once it has read the routes and the mutes of {@code mutedTasks}. */
    private static Notifier started(TestAlerts topics, MovableClock clock, String group, List<String> mutedTasks) {
        Notifier notifier = new Notifier(TestAlerts.notifierSettings(topics.bootstrap, group), null, clock);
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
        await().atMost(WAIT).until(() -> !notifier.configView().routes().isEmpty() && mutedTasks.stream()
                .allMatch(task -> notifier.configView().mute(MonitorId.of(task, "bat", "WEB-01")).isPresent()));
        return notifier;
    }

    private static WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(SECRET);
        receiver.answer(n -> WebhookReceiver.Answer.status(200));
        return receiver;
    }

    private static String prefix(String test) {
        return test + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    private static String id(Alert alert, Channel channel) {
        return Delivery.idOf(alert.alertId(), channel.channelId()).toString();
    }

    private static List<Delivery> steps(TestAlerts topics, Alert alert, Channel channel) {
        return DeliverySteps.of(topics.bootstrap, Delivery.idOf(alert.alertId(), channel.channelId()));
    }

    private static List<DeliveryState> states(TestAlerts topics, Alert alert, Channel channel) {
        return steps(topics, alert, channel).stream().map(Delivery::state).toList();
    }
}

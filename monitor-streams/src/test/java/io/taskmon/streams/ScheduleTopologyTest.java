package io.taskmon.streams;

import static io.taskmon.streams.Runs.run;
import static io.taskmon.streams.Runs.withConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Missed and timed-out runs, judged against the gateways' clock ticks. */
class ScheduleTopologyTest {

    private static final UUID GATEWAY = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final MonitorConfig EVERY_MINUTE = new MonitorConfig(null, null, 60L, 30L, null, null, null, null);

    private final TopologyFixture topology = new TopologyFixture(MonitorRules.defaults());

    @AfterEach
    void close() {
        topology.close();
    }

    /** One tick a second from {@code from} up to and including {@code to}. */
    private void tickEverySecond(String from, String to) {
        for (Instant at = Instant.parse(from); !at.isAfter(Instant.parse(to)); at = at.plusSeconds(1)) {
            topology.tick(GATEWAY, at);
        }
    }

    private void sendAt(TaskRunReported run, String at) {
        topology.runs.pipeInput(run.monitorId(), run, Instant.parse(at));
    }

    private List<Alert> alerts() {
        return topology.alerts.readValuesToList();
    }

    @Test
    void shouldRaiseOneMissedAlertWhenAnIntervalMonitorsNextRunDoesNotStartWithinItsGrace() {
        // The first tick starts a settle period: deadlines wait a minute of ticks.
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:00Z");
        TaskRunReported first = withConfig(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:00:05Z"),
                EVERY_MINUTE);
        sendAt(first, "2026-11-01T10:00:06Z");
        // Started 10:00:00, so the next is expected at 10:01:00, missed at 10:01:30.
        tickEverySecond("2026-11-01T10:00:01Z", "2026-11-01T10:01:29Z");
        assertThat(topology.alerts.isEmpty()).isTrue();

        tickEverySecond("2026-11-01T10:01:30Z", "2026-11-01T10:05:00Z");

        List<Alert> raised = alerts();
        assertThat(raised).extracting(Alert::type).containsExactly(AlertType.MISSED);
        assertThat(raised.get(0).summary()).isEqualTo("every-minute (shell) missed its run: none started between"
                + " 2026-11-01T10:01:00Z and 2026-11-01T10:01:30Z.");
        assertThat(raised.get(0).firstFailureAt()).isEqualTo("2026-11-01T10:01:30Z");
        // Late from the expected time, missed at its grace's end, and then still expecting a run
        // a minute after each expected time, so the next windows are judged too (no new alert).
        List<MonitorStatus> statuses = topology.statuses.readValuesToList();
        assertThat(statuses).extracting(MonitorStatus::health, MonitorStatus::nextExpectedAt).containsExactly(
                tuple(MonitorHealth.UP, Instant.parse("2026-11-01T10:01:00Z")),
                tuple(MonitorHealth.LATE, Instant.parse("2026-11-01T10:01:00Z")),
                tuple(MonitorHealth.MISSED, Instant.parse("2026-11-01T10:02:00Z")),
                tuple(MonitorHealth.MISSED, Instant.parse("2026-11-01T10:03:00Z")),
                tuple(MonitorHealth.MISSED, Instant.parse("2026-11-01T10:04:00Z")),
                tuple(MonitorHealth.MISSED, Instant.parse("2026-11-01T10:05:00Z")));
        assertThat(statuses.subList(2, 6)).extracting(MonitorStatus::openAlertId)
                .containsOnly(raised.get(0).alertId());
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::oldHealth, MonitorFlip::newHealth)
                .containsExactly(tuple(MonitorHealth.NEW, MonitorHealth.UP),
                        tuple(MonitorHealth.UP, MonitorHealth.MISSED));

        // A run then recovers it and expects the next one a minute after its start.
        sendAt(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:05:03Z"), "2026-11-01T10:05:04Z");
        List<Alert> recovered = alerts();
        assertThat(recovered).extracting(Alert::type).containsExactly(AlertType.RECOVERED);
        assertThat(recovered.get(0).resolvesAlertId()).isEqualTo(raised.get(0).alertId());
        MonitorStatus after = topology.statuses.readValue();
        assertThat(after.health()).isEqualTo(MonitorHealth.UP);
        assertThat(after.nextExpectedAt()).isEqualTo("2026-11-01T10:05:58Z");
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::newHealth)
                .containsExactly(MonitorHealth.UP);
        topology.stats.readValuesToList();
        assertThat(topology.allOutputsRead()).isTrue();
    }

    /** Reports carry microseconds; the deadline store keeps milliseconds. The deadline must still be found. */
    @Test
    void shouldRaiseMissedForARunReportedWithMicrosecondTimes() {
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:00Z");
        sendAt(withConfig(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:00:05.123456Z"), EVERY_MINUTE),
                "2026-11-01T10:00:06Z");
        tickEverySecond("2026-11-01T10:00:01Z", "2026-11-01T10:01:29Z");
        assertThat(topology.alerts.isEmpty()).isTrue();

        tickEverySecond("2026-11-01T10:01:30Z", "2026-11-01T10:01:32Z");

        List<Alert> raised = alerts();
        assertThat(raised).extracting(Alert::type).containsExactly(AlertType.MISSED);
        assertThat(raised.get(0).summary()).startsWith("every-minute (shell) missed its run: none started between"
                + " 2026-11-01T10:01:00.123456Z and 2026-11-01T10:01:30.123456Z");
    }

    @Test
    void shouldNotMissARunThatStartsLateButWithinItsGrace() {
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:06Z");
        sendAt(withConfig(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:00:05Z"), EVERY_MINUTE),
                "2026-11-01T10:00:06Z");
        tickEverySecond("2026-11-01T10:00:07Z", "2026-11-01T10:01:25Z");
        // Expected 10:01:00, started 10:01:20: late, not missed.
        sendAt(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:01:25Z"), "2026-11-01T10:01:26Z");
        tickEverySecond("2026-11-01T10:01:26Z", "2026-11-01T10:02:40Z");

        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health, MonitorStatus::nextExpectedAt)
                .containsExactly(tuple(MonitorHealth.UP, Instant.parse("2026-11-01T10:01:00Z")),
                        tuple(MonitorHealth.LATE, Instant.parse("2026-11-01T10:01:00Z")),
                        tuple(MonitorHealth.UP, Instant.parse("2026-11-01T10:02:20Z")),
                        tuple(MonitorHealth.LATE, Instant.parse("2026-11-01T10:02:20Z")));
        // Late is shown, not flipped.
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::newHealth)
                .containsExactly(MonitorHealth.UP);
    }

    @Test
    void shouldRaiseNothingWhileTicksStopAndLetASpooledRunClearTheDeadlineAfterTheOutage() {
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:06Z");
        sendAt(withConfig(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:00:05Z"), EVERY_MINUTE),
                "2026-11-01T10:00:06Z");
        tickEverySecond("2026-11-01T10:00:07Z", "2026-11-01T10:00:50Z");
        topology.statuses.readValuesToList();
        topology.flips.readValuesToList();
        topology.stats.readValuesToList();

        // Ten minutes without a tick: the gateway or the broker was down. The deadline (10:01:30)
        // fell inside. The first ticks after it hold it for the settle period.
        tickEverySecond("2026-11-01T10:10:50Z", "2026-11-01T10:11:40Z");
        assertThat(topology.statuses.readValuesToList()).isEmpty();
        assertThat(topology.alerts.readValuesToList()).isEmpty();
        assertThat(topology.flips.readValuesToList()).isEmpty();
        assertThat(topology.deadLetters.readValuesToList()).isEmpty();
        assertThat(topology.stats.readValuesToList()).isEmpty();
        assertThat(topology.allOutputsRead()).isTrue();

        // The reporter's spool delivers the run that started on time at 10:01:05.
        TaskRunReported spooled = run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:01:10Z");
        sendAt(spooled, "2026-11-01T10:11:41Z");
        tickEverySecond("2026-11-01T10:11:41Z", "2026-11-01T10:11:55Z");

        // The deadline the spooled run covered raises nothing; the one after it (no run since)
        // is judged once the settle period ends at 10:11:50.
        assertThat(alerts()).extracting(Alert::type, Alert::firstFailureAt).containsExactly(
                tuple(AlertType.MISSED, Instant.parse("2026-11-01T10:02:35Z")));
        // Its next run is expected a minute after it: missed once the settle period is over, and
        // then expected in the first window that had not passed by then.
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::nextExpectedAt, MonitorStatus::health)
                .containsExactly(tuple(Instant.parse("2026-11-01T10:02:05Z"), MonitorHealth.UP),
                        tuple(Instant.parse("2026-11-01T10:12:05Z"), MonitorHealth.MISSED));
    }

    @Test
    void shouldMissACronRunInTaipeiTimeAndWaitForTheSettlePeriodAfterAGap() {
        MonitorConfig nightly = new MonitorConfig("0 2 * * *", "Asia/Taipei", null, 300L, null, null, null, null);
        tickEverySecond("2026-11-01T17:50:00Z", "2026-11-01T17:52:00Z");
        sendAt(withConfig(run("nightly", RunStatus.SUCCESS, "2026-11-01T17:52:00Z"), nightly), "2026-11-01T17:52:01Z");
        // 02:00 in Taipei is 18:00 UTC; missed at 18:05. Ticks run to 18:04:59: nothing yet.
        tickEverySecond("2026-11-01T17:52:01Z", "2026-11-01T18:04:59Z");
        assertThat(topology.alerts.isEmpty()).isTrue();

        tickEverySecond("2026-11-01T18:05:00Z", "2026-11-01T18:05:01Z");

        assertThat(alerts()).extracting(Alert::type, Alert::firstFailureAt).containsExactly(
                tuple(AlertType.MISSED, Instant.parse("2026-11-01T18:05:00Z")));
    }

    @Test
    void shouldFollowTheSlowestLiveGatewayAndDropOneThatStopped() {
        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000002");
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:06Z");
        sendAt(withConfig(run("every-minute", RunStatus.SUCCESS, "2026-11-01T10:00:05Z"), EVERY_MINUTE),
                "2026-11-01T10:00:06Z");
        // A second gateway lagging 20 s behind holds the clock back.
        for (Instant at = Instant.parse("2026-11-01T10:00:07Z"); !at.isAfter(Instant.parse("2026-11-01T10:01:45Z"));
             at = at.plusSeconds(1)) {
            topology.tick(GATEWAY, at);
            topology.tick(other, at.minusSeconds(20));
        }
        assertThat(topology.alerts.isEmpty()).isTrue();
        // It stops; 30 s later it no longer counts and the clock passes 10:01:30.
        tickEverySecond("2026-11-01T10:01:46Z", "2026-11-01T10:02:20Z");
        assertThat(alerts()).extracting(Alert::type).containsExactly(AlertType.MISSED);
    }

    @Test
    void shouldRaiseTimeoutForARunningRunAndRecoverWhenItFinishesLate() {
        MonitorConfig bounded = new MonitorConfig(null, null, null, null, 120L, null, null, null);
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:00Z");
        UUID runId = UUID.randomUUID();
        TaskRunReported started = withConfig(run("bounded", "", RunStatus.RUNNING, "2026-11-01T10:00:00Z", runId),
                bounded);
        sendAt(started, "2026-11-01T10:00:01Z");
        tickEverySecond("2026-11-01T10:00:01Z", "2026-11-01T10:01:59Z");
        assertThat(topology.alerts.isEmpty()).isTrue();

        tickEverySecond("2026-11-01T10:02:00Z", "2026-11-01T10:02:10Z");
        List<Alert> timedOut = alerts();
        assertThat(timedOut).extracting(Alert::type).containsExactly(AlertType.TIMEOUT);

        TaskRunReported finish = run("bounded", "", RunStatus.SUCCESS, "2026-11-01T10:03:00Z", UUID.randomUUID());
        finish = new TaskRunReported(finish.schemaVersion(), finish.eventId(), runId.toString(), finish.monitorId(),
                finish.taskKey(), finish.taskName(), finish.kind(), finish.machineName(), finish.status(),
                Instant.parse("2026-11-01T10:00:00Z"), finish.finishedAt(), 180_000L, 0, null, null,
                finish.receivedAt(), null, null, null, null, null, null, null);
        sendAt(finish, "2026-11-01T10:03:01Z");

        List<Alert> closed = alerts();
        assertThat(closed).extracting(Alert::type).containsExactly(AlertType.RECOVERED);
        assertThat(closed.get(0).resolvesAlertId()).isEqualTo(timedOut.get(0).alertId());
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health)
                .containsExactly(MonitorHealth.RUNNING, MonitorHealth.TIMEOUT, MonitorHealth.UP);
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::newHealth)
                .containsExactly(MonitorHealth.TIMEOUT, MonitorHealth.UP);
        tickEverySecond("2026-11-01T10:03:01Z", "2026-11-01T10:10:00Z");
        assertThat(topology.alerts.isEmpty()).isTrue();
    }
}

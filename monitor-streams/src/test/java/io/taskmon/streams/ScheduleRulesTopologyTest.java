package io.taskmon.streams;

import static io.taskmon.streams.Runs.run;
import static io.taskmon.streams.Runs.withAttempt;
import static io.taskmon.streams.Runs.withConfig;
import static io.taskmon.streams.Runs.withRunId;
import static io.taskmon.streams.Runs.withWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The judging rules a monitor configuration adds: retries, a minimum run time, several successes
 * before recovery, queued runs, and cron schedules across daylight saving time changes.
 */
class ScheduleRulesTopologyTest {

    private static final UUID GATEWAY = UUID.fromString("00000000-0000-4000-8000-000000000001");
    /**
     * Ticks a minute apart are no outage here and a second settles: days of schedule pass in a
     * few thousand ticks.
     */
    private static final MonitorRules MINUTE_TICKS = MonitorRules.defaults()
            .withClock(new ClockRules(Duration.ofHours(2), Duration.ofSeconds(1), Duration.ofHours(3)));

    private final TopologyFixture topology = new TopologyFixture(MINUTE_TICKS);

    @AfterEach
    void close() {
        topology.close();
    }

    private static MonitorConfig rules(Long minRuntimeSeconds, Integer alertAfterFailures, Integer recoverAfter) {
        return new MonitorConfig(null, null, null, null, null, minRuntimeSeconds, alertAfterFailures, recoverAfter);
    }

    private void send(TaskRunReported run) {
        topology.runs.pipeInput(run.monitorId(), run, run.receivedAt());
    }

    private void tickEveryMinute(String from, String to) {
        for (Instant at = Instant.parse(from); !at.isAfter(Instant.parse(to)); at = at.plusSeconds(60)) {
            topology.tick(GATEWAY, at);
        }
    }

    @Test
    void shouldShowRetryingAttemptsWithoutStreakOrAlertAndCountTheFinalAttempt() {
        MonitorConfig twice = rules(null, 2, null);
        send(withAttempt(withConfig(run("etl", RunStatus.FAILED, "2026-11-01T10:00:00Z"), twice), 1, 3));
        send(withAttempt(run("etl", RunStatus.FAILED, "2026-11-01T10:01:00Z"), 2, 3));
        send(withAttempt(run("etl", RunStatus.FAILED, "2026-11-01T10:02:00Z"), 3, 3));
        send(run("etl", RunStatus.FAILED, "2026-11-01T10:03:00Z"));

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::lastStatus, MonitorStatus::health,
                MonitorStatus::consecutiveFailures, MonitorStatus::totalRuns, MonitorStatus::totalFailures)
                .containsExactly(tuple(RunStatus.FAILED, MonitorHealth.NEW, 0, 1L, 0L),
                        tuple(RunStatus.FAILED, MonitorHealth.NEW, 0, 2L, 0L),
                        tuple(RunStatus.FAILED, MonitorHealth.FAILING, 1, 3L, 1L),
                        tuple(RunStatus.FAILED, MonitorHealth.FAILING, 2, 4L, 2L));
        List<Alert> alerts = topology.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::type, Alert::consecutiveFailures, Alert::firstFailureAt)
                .containsExactly(tuple(AlertType.FAILING, 2, Instant.parse("2026-11-01T10:02:00Z")));
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::oldHealth, MonitorFlip::newHealth,
                MonitorFlip::flippedAt)
                .containsExactly(tuple(MonitorHealth.NEW, MonitorHealth.FAILING, Instant.parse("2026-11-01T10:02:00Z")));
        assertThat(topology.stats.readValuesToList()).extracting(MonitorStatsHourly::runs, MonitorStatsHourly::failures)
                .containsExactly(tuple(1L, 0L), tuple(2L, 0L), tuple(3L, 1L), tuple(4L, 2L));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldCountASuccessShorterThanTheMinimumRunTimeAsFailedTooShort() {
        MonitorConfig atLeastAMinute = rules(60L, 1, null);
        send(withConfig(withWork(run("backup", RunStatus.SUCCESS, "2026-11-01T10:00:00Z"), 5_000L, null),
                atLeastAMinute));
        send(withWork(run("backup", RunStatus.SUCCESS, "2026-11-01T11:00:00Z"), 120_000L, null));

        List<MonitorStatus> statuses = topology.statuses.readValuesToList();
        assertThat(statuses).extracting(MonitorStatus::lastStatus, MonitorStatus::health,
                MonitorStatus::consecutiveFailures, MonitorStatus::totalFailures)
                .containsExactly(tuple(RunStatus.SUCCESS, MonitorHealth.FAILING, 1, 1L),
                        tuple(RunStatus.SUCCESS, MonitorHealth.UP, 0, 1L));
        List<Alert> alerts = topology.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::type).containsExactly(AlertType.FAILING, AlertType.RECOVERED);
        assertThat(alerts.get(1).resolvesAlertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::newHealth, MonitorFlip::reason)
                .containsExactly(tuple(MonitorHealth.FAILING, "run too short"),
                        tuple(MonitorHealth.UP, "run succeeded"));
        assertThat(topology.stats.readValuesToList()).extracting(MonitorStatsHourly::failures).containsExactly(1L, 0L);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldRecoverOnlyAfterTheConfiguredSuccessesInARow() {
        MonitorConfig twoToRecover = rules(null, 1, 2);
        send(withConfig(run("sync", RunStatus.FAILED, "2026-11-01T10:00:00Z"), twoToRecover));
        send(run("sync", RunStatus.SUCCESS, "2026-11-01T10:10:00Z"));
        send(run("sync", RunStatus.FAILED, "2026-11-01T10:20:00Z"));
        send(run("sync", RunStatus.SUCCESS, "2026-11-01T10:30:00Z"));
        send(run("sync", RunStatus.SUCCESS, "2026-11-01T10:40:00Z"));

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health,
                MonitorStatus::consecutiveFailures, MonitorStatus::alertState)
                .containsExactly(tuple(MonitorHealth.FAILING, 1, io.taskmon.events.AlertState.ALERTING),
                        tuple(MonitorHealth.FAILING, 1, io.taskmon.events.AlertState.ALERTING),
                        tuple(MonitorHealth.FAILING, 2, io.taskmon.events.AlertState.ALERTING),
                        tuple(MonitorHealth.FAILING, 2, io.taskmon.events.AlertState.ALERTING),
                        tuple(MonitorHealth.UP, 0, io.taskmon.events.AlertState.NONE));
        List<Alert> alerts = topology.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::type).containsExactly(AlertType.FAILING, AlertType.RECOVERED);
        assertThat(alerts.get(1).resolvesAlertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(alerts.get(1).summary()).isEqualTo("sync (shell) recovered: the run at 2026-11-01T10:40:00Z"
                + " succeeded after 2 failures in a row (2 successes in a row).");
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::oldHealth, MonitorFlip::newHealth)
                .containsExactly(tuple(MonitorHealth.NEW, MonitorHealth.FAILING),
                        tuple(MonitorHealth.FAILING, MonitorHealth.UP));
    }

    @Test
    void shouldKeepAQueuedRunWithoutLettingItServeTheExpectedTime() {
        MonitorConfig everyTenMinutes = new MonitorConfig(null, null, 600L, 60L, null, null, null, null);
        tickEveryMinute("2026-11-01T09:55:00Z", "2026-11-01T10:00:00Z");
        send(withConfig(run("queue", RunStatus.SUCCESS, "2026-11-01T10:00:05Z"), everyTenMinutes));
        // Expected 10:10:00 (started 10:00:00). Queued on time, but it does not start.
        TaskRunReported queued = withRunId(run("queue", "", RunStatus.PENDING, "2026-11-01T10:09:50Z",
                UUID.randomUUID()), "job-7");
        send(queued);
        tickEveryMinute("2026-11-01T10:01:00Z", "2026-11-01T10:12:00Z");
        // It starts at last: that ends the MISSED.
        send(withRunId(run("queue", "", RunStatus.RUNNING, "2026-11-01T10:12:30Z", UUID.randomUUID()), "job-7"));

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::lastStatus, MonitorStatus::health,
                MonitorStatus::nextExpectedAt)
                .containsExactly(tuple(RunStatus.SUCCESS, MonitorHealth.UP, Instant.parse("2026-11-01T10:10:00Z")),
                        tuple(RunStatus.PENDING, MonitorHealth.UP, Instant.parse("2026-11-01T10:10:00Z")),
                        tuple(RunStatus.PENDING, MonitorHealth.LATE, Instant.parse("2026-11-01T10:10:00Z")),
                        tuple(RunStatus.PENDING, MonitorHealth.MISSED, Instant.parse("2026-11-01T10:20:00Z")),
                        tuple(RunStatus.RUNNING, MonitorHealth.RUNNING, Instant.parse("2026-11-01T10:22:30Z")));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::firstFailureAt)
                .containsExactly(tuple(AlertType.MISSED, Instant.parse("2026-11-01T10:11:00Z")),
                        tuple(AlertType.RECOVERED, null));
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::oldHealth, MonitorFlip::newHealth,
                MonitorFlip::reason)
                .containsExactly(tuple(MonitorHealth.NEW, MonitorHealth.UP, "run succeeded"),
                        tuple(MonitorHealth.UP, MonitorHealth.MISSED, "no run started by 2026-11-01T10:11:00Z"),
                        tuple(MonitorHealth.MISSED, MonitorHealth.UP, "a run started"));
    }

    @Test
    void shouldExpectTheSkippedHoursRunRightAfterTheSpringForwardChangeInBerlin() {
        MonitorConfig nightly = new MonitorConfig("30 2 * * *", "Europe/Berlin", null, 300L, null, null, null, null);
        tickEveryMinute("2026-03-28T01:00:00Z", "2026-03-28T01:31:00Z");
        send(withConfig(run("nightly", RunStatus.SUCCESS, "2026-03-28T01:31:00Z"), nightly));
        // 02:30 does not exist on 2026-03-29 (02:00 CET jumps to 03:00 CEST): expected at 03:00 CEST.
        tickEveryMinute("2026-03-29T00:00:00Z", "2026-03-29T01:01:00Z");
        send(run("nightly", RunStatus.SUCCESS, "2026-03-29T01:02:00Z"));
        // The next night at 02:30 CEST is 00:30 UTC; nothing runs then.
        tickEveryMinute("2026-03-29T01:02:00Z", "2026-03-30T00:36:00Z");

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health, MonitorStatus::nextExpectedAt)
                .containsExactly(tuple(MonitorHealth.UP, Instant.parse("2026-03-29T01:00:00Z")),
                        tuple(MonitorHealth.LATE, Instant.parse("2026-03-29T01:00:00Z")),
                        tuple(MonitorHealth.UP, Instant.parse("2026-03-30T00:30:00Z")),
                        tuple(MonitorHealth.LATE, Instant.parse("2026-03-30T00:30:00Z")),
                        tuple(MonitorHealth.MISSED, Instant.parse("2026-03-31T00:30:00Z")));
        List<Alert> alerts = topology.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::type, Alert::firstFailureAt)
                .containsExactly(tuple(AlertType.MISSED, Instant.parse("2026-03-30T00:35:00Z")));
        assertThat(alerts.get(0).summary()).isEqualTo("nightly (shell) missed its run: none started between"
                + " 2026-03-30T00:30:00Z and 2026-03-30T00:35:00Z.");
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::newHealth)
                .containsExactly(MonitorHealth.UP, MonitorHealth.MISSED);
    }

    @Test
    void shouldExpectTheRepeatedHoursRunOnlyOnceAfterTheFallBackChangeInBerlin() {
        MonitorConfig nightly = new MonitorConfig("30 2 * * *", "Europe/Berlin", null, 300L, null, null, null, null);
        tickEveryMinute("2026-10-25T00:00:00Z", "2026-10-25T00:31:00Z");
        // 02:30 CEST, the first of the two 02:30s that night.
        send(withConfig(run("nightly", RunStatus.SUCCESS, "2026-10-25T00:31:00Z"), nightly));
        // The second 02:30 (CET, 01:30 UTC) expects nothing: no late, no missed.
        tickEveryMinute("2026-10-25T00:32:00Z", "2026-10-25T03:00:00Z");
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health, MonitorStatus::nextExpectedAt)
                .containsExactly(tuple(MonitorHealth.UP, Instant.parse("2026-10-26T01:30:00Z")));

        // The next night's 02:30 CET is 01:30 UTC.
        tickEveryMinute("2026-10-26T01:00:00Z", "2026-10-26T01:35:00Z");
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health, MonitorStatus::nextExpectedAt)
                .containsExactly(tuple(MonitorHealth.LATE, Instant.parse("2026-10-26T01:30:00Z")),
                        tuple(MonitorHealth.MISSED, Instant.parse("2026-10-27T01:30:00Z")));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::firstFailureAt)
                .containsExactly(tuple(AlertType.MISSED, Instant.parse("2026-10-26T01:35:00Z")));
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::newHealth)
                .containsExactly(MonitorHealth.UP, MonitorHealth.MISSED);
    }
}

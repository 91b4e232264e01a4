package io.taskmon.streams;

import static io.taskmon.events.RunStatus.FAILED;
import static io.taskmon.events.RunStatus.RUNNING;
import static io.taskmon.events.RunStatus.SUCCESS;
import static io.taskmon.streams.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.AlertType;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor rules: latest status, flips, consecutive failures, reminders, recovery, settings, stats. */
class MonitorStatusTopologyTest {

    private TopologyFixture topology = new TopologyFixture(MonitorRules.defaults());

    @AfterEach
    void close() {
        topology.close();
    }

    private void useRules(MonitorRules rules) {
        topology.close();
        topology = new TopologyFixture(rules);
    }

    @Test
    void shouldPublishStatusFlipAndHourOfAMonitorsFirstRun() {
        TaskRunReported first = run("backup", SUCCESS, "2026-11-01T02:00:00Z");
        topology.send(first);

        UUID id = first.monitorId();
        assertThat(topology.statuses.readKeyValuesToList()).containsExactly(KeyValue.pair(id, new MonitorStatus(
                MonitorStatus.SCHEMA_VERSION, id, "backup", "Task backup", "shell", "",
                SUCCESS, first.eventId(), first.runId(), first.startedAt(), first.finishedAt(), 5000L, 0,
                null, null, first.receivedAt(), first.finishedAt(), null, 0, 1, 0,
                MonitorHealth.UP, null, 3, AlertState.NONE, null, null, true, null)));
        assertThat(topology.flips.readKeyValuesToList()).containsExactly(KeyValue.pair(id, new MonitorFlip(
                MonitorFlip.SCHEMA_VERSION, id, first.eventId(), MonitorHealth.NEW, MonitorHealth.UP,
                "run succeeded", first.finishedAt())));
        assertThat(topology.stats.readKeyValuesToList()).containsExactly(KeyValue.pair(id, new MonitorStatsHourly(
                MonitorStatsHourly.SCHEMA_VERSION, id, Instant.parse("2026-11-01T02:00:00Z"), 1, 0, 5000, 5000, 0)));
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldRaiseNoAlertForTwoFailuresWhenTheThresholdIsThree() {
        TaskRunReported first = run("etl", FAILED, "2026-11-01T01:00:00Z");
        topology.send(first);
        topology.send(run("etl", FAILED, "2026-11-01T02:00:00Z"));

        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::consecutiveFailures, MonitorStatus::health, MonitorStatus::streakStartedAt,
                        MonitorStatus::alertState)
                .containsExactly(
                        tuple(1, MonitorHealth.FAILING, first.finishedAt(), AlertState.NONE),
                        tuple(2, MonitorHealth.FAILING, first.finishedAt(), AlertState.NONE));
        assertThat(topology.flips.readValuesToList()).containsExactly(new MonitorFlip(MonitorFlip.SCHEMA_VERSION,
                first.monitorId(), first.eventId(), MonitorHealth.NEW, MonitorHealth.FAILING,
                "run failed with exit code 1", first.finishedAt()));
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.stats.readValuesToList()).hasSize(2);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldRaiseOneFailingAlertWhenTheStreakReachesTheThresholdAndNotAgainOnFurtherFailures() {
        TaskRunReported first = run("etl", FAILED, "2026-11-01T01:00:00Z");
        topology.send(first);
        topology.send(run("etl", FAILED, "2026-11-01T02:00:00Z"));
        TaskRunReported third = run("etl", FAILED, "2026-11-01T03:00:00Z");
        topology.send(third);
        topology.send(run("etl", FAILED, "2026-11-01T04:00:00Z"));

        UUID id = first.monitorId();
        UUID alertId = AlertIds.of(id, AlertType.FAILING, first.finishedAt(), 0);
        assertThat(topology.alerts.readKeyValuesToList()).containsExactly(KeyValue.pair(id, new Alert(
                Alert.SCHEMA_VERSION, alertId, AlertType.FAILING, id, null, "etl", "Task etl", "shell", "", null,
                3, 3, first.finishedAt(), third.finishedAt(), "boom", 1, null, TopologyFixture.START,
                "etl (shell) failed 3 times in a row (alert after 3); last exit code 1, message: boom.")));
        List<MonitorStatus> statuses = topology.statuses.readValuesToList();
        assertThat(statuses).extracting(MonitorStatus::consecutiveFailures, MonitorStatus::alertState,
                        MonitorStatus::openAlertId, MonitorStatus::lastAlertAt)
                .containsExactly(
                        tuple(1, AlertState.NONE, null, null),
                        tuple(2, AlertState.NONE, null, null),
                        tuple(3, AlertState.ALERTING, alertId, TopologyFixture.START),
                        tuple(4, AlertState.ALERTING, alertId, TopologyFixture.START));
        assertThat(topology.flips.readValuesToList()).hasSize(1);
        assertThat(topology.stats.readValuesToList()).hasSize(4);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldRaiseNoAlertWhenASuccessBreaksTheStreak() {
        TaskRunReported f1 = run("sync", FAILED, "2026-11-01T01:00:00Z");
        topology.send(f1);
        topology.send(run("sync", FAILED, "2026-11-01T02:00:00Z"));
        TaskRunReported ok = run("sync", SUCCESS, "2026-11-01T03:00:00Z");
        topology.send(ok);
        TaskRunReported f2 = run("sync", FAILED, "2026-11-01T04:00:00Z");
        topology.send(f2);
        topology.send(run("sync", FAILED, "2026-11-01T05:00:00Z"));

        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::consecutiveFailures, MonitorStatus::streakStartedAt)
                .containsExactly(tuple(1, f1.finishedAt()), tuple(2, f1.finishedAt()), tuple(0, null),
                        tuple(1, f2.finishedAt()), tuple(2, f2.finishedAt()));
        assertThat(topology.flips.readValuesToList())
                .extracting(MonitorFlip::eventId, MonitorFlip::oldHealth, MonitorFlip::newHealth, MonitorFlip::reason)
                .containsExactly(
                        tuple(f1.eventId(), MonitorHealth.NEW, MonitorHealth.FAILING, "run failed with exit code 1"),
                        tuple(ok.eventId(), MonitorHealth.FAILING, MonitorHealth.UP, "run succeeded"),
                        tuple(f2.eventId(), MonitorHealth.UP, MonitorHealth.FAILING, "run failed with exit code 1"));
        assertThat(topology.stats.readValuesToList()).hasSize(5);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldAlertOnTheFirstFailureWhenTheThresholdIsOne() {
        useRules(MonitorRules.defaults().withAlertAfterFailures(1));
        TaskRunReported failure = run("n1", FAILED, "2026-11-01T01:00:00Z");
        topology.send(failure);

        assertThat(topology.alerts.readValuesToList())
                .extracting(Alert::type, Alert::alertId, Alert::consecutiveFailures, Alert::threshold)
                .containsExactly(tuple(AlertType.FAILING,
                        AlertIds.of(failure.monitorId(), AlertType.FAILING, failure.finishedAt(), 0), 1, 1));
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::alertAfterFailures,
                MonitorStatus::alertState).containsExactly(tuple(1, AlertState.ALERTING));
    }

    @Test
    void shouldApplyAReportsOwnThresholdFromThatReportOn() {
        topology.send(Runs.withThreshold(run("own", SUCCESS, "2026-11-01T01:00:00Z"), 2));
        topology.send(run("own", FAILED, "2026-11-01T02:00:00Z"));
        TaskRunReported second = run("own", FAILED, "2026-11-01T03:00:00Z");
        topology.send(second);

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::alertAfterFailures)
                .containsExactly(2, 2, 2);
        assertThat(topology.alerts.readValuesToList())
                .extracting(Alert::type, Alert::consecutiveFailures, Alert::threshold)
                .containsExactly(tuple(AlertType.FAILING, 2, 2));
    }

    @Test
    void shouldRecoverOnTheFirstSuccessAfterAnAlertAndStartAFreshStreakWithANewAlertId() {
        TaskRunReported f1 = run("nightly", FAILED, "2026-11-01T01:00:00Z");
        topology.send(f1);
        topology.send(run("nightly", FAILED, "2026-11-01T02:00:00Z"));
        topology.send(run("nightly", FAILED, "2026-11-01T03:00:00Z"));
        TaskRunReported ok = run("nightly", SUCCESS, "2026-11-01T04:00:00Z");
        topology.send(ok);
        topology.send(run("nightly", SUCCESS, "2026-11-01T05:00:00Z"));
        TaskRunReported f4 = run("nightly", FAILED, "2026-11-01T06:00:00Z");
        topology.send(f4);
        topology.send(run("nightly", FAILED, "2026-11-01T07:00:00Z"));
        topology.send(run("nightly", FAILED, "2026-11-01T08:00:00Z"));

        UUID id = f1.monitorId();
        UUID firstAlert = AlertIds.of(id, AlertType.FAILING, f1.finishedAt(), 0);
        UUID recovered = AlertIds.of(id, AlertType.RECOVERED, f1.finishedAt(), 0);
        UUID secondAlert = AlertIds.of(id, AlertType.FAILING, f4.finishedAt(), 0);
        List<Alert> alerts = topology.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::type, Alert::alertId, Alert::resolvesAlertId)
                .containsExactly(
                        tuple(AlertType.FAILING, firstAlert, null),
                        tuple(AlertType.RECOVERED, recovered, firstAlert),
                        tuple(AlertType.FAILING, secondAlert, null));
        assertThat(alerts.get(1)).isEqualTo(new Alert(Alert.SCHEMA_VERSION, recovered, AlertType.RECOVERED, id,
                null, "nightly", "Task nightly", "shell", "", null, 0, 3, f1.finishedAt(), null, null, null,
                firstAlert, TopologyFixture.START,
                "nightly (shell) recovered: the run at 2026-11-01T04:00:00Z succeeded after 3 failures in a row."));
        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::alertState, MonitorStatus::openAlertId)
                .containsExactly(
                        tuple(AlertState.NONE, null), tuple(AlertState.NONE, null),
                        tuple(AlertState.ALERTING, firstAlert), tuple(AlertState.NONE, null),
                        tuple(AlertState.NONE, null), tuple(AlertState.NONE, null), tuple(AlertState.NONE, null),
                        tuple(AlertState.ALERTING, secondAlert));
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::eventId)
                .containsExactly(f1.eventId(), ok.eventId(), f4.eventId());
    }

    @Test
    void shouldCountALateRunButKeepTheNewerStatusAndStreakAndRaiseNoAlertFromLateFailures() {
        TaskRunReported newer = run("sync", SUCCESS, "2026-11-01T05:00:00Z");
        topology.send(newer);
        topology.send(run("sync", FAILED, "2026-11-01T01:00:00Z"));
        topology.send(run("sync", FAILED, "2026-11-01T02:00:00Z"));
        topology.send(run("sync", FAILED, "2026-11-01T03:00:00Z"));

        List<MonitorStatus> out = topology.statuses.readValuesToList();
        assertThat(out).extracting(MonitorStatus::lastEventId, MonitorStatus::consecutiveFailures,
                        MonitorStatus::health, MonitorStatus::totalRuns, MonitorStatus::totalFailures)
                .containsExactly(
                        tuple(newer.eventId(), 0, MonitorHealth.UP, 1L, 0L),
                        tuple(newer.eventId(), 0, MonitorHealth.UP, 2L, 1L),
                        tuple(newer.eventId(), 0, MonitorHealth.UP, 3L, 2L),
                        tuple(newer.eventId(), 0, MonitorHealth.UP, 4L, 3L));
        assertThat(out.get(3).lastFailureAt()).isNull();
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::eventId).containsExactly(newer.eventId());
        // Late runs still count in the hour they happened.
        assertThat(topology.stats.readValuesToList())
                .extracting(MonitorStatsHourly::hourStart, MonitorStatsHourly::runs, MonitorStatsHourly::failures)
                .containsExactly(
                        tuple(Instant.parse("2026-11-01T05:00:00Z"), 1L, 0L),
                        tuple(Instant.parse("2026-11-01T01:00:00Z"), 1L, 1L),
                        tuple(Instant.parse("2026-11-01T02:00:00Z"), 1L, 1L),
                        tuple(Instant.parse("2026-11-01T03:00:00Z"), 1L, 1L));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldChangeNothingOnADuplicateEventId() {
        TaskRunReported failure = run("dup", FAILED, "2026-11-01T01:00:00Z");
        topology.send(failure);
        topology.send(failure);
        topology.send(failure);
        topology.send(run("dup", FAILED, "2026-11-01T02:00:00Z"));
        topology.advance(Duration.ofMinutes(5));
        topology.send(failure);

        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::consecutiveFailures, MonitorStatus::totalRuns)
                .containsExactly(tuple(1, 1L), tuple(2, 2L));
        assertThat(topology.stats.readValuesToList()).extracting(MonitorStatsHourly::runs).containsExactly(1L, 1L);
        assertThat(topology.flips.readValuesToList()).hasSize(1);
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldCountTheSameEventIdOnTwoMonitorsOnce() {
        UUID shared = UUID.randomUUID();
        TaskRunReported web1 = run("report", "WEB-01", FAILED, "2026-11-01T01:00:00Z", shared);
        TaskRunReported web2 = run("report", "WEB-02", SUCCESS, "2026-11-01T01:00:00Z", shared);
        topology.send(web1);
        topology.send(web2);

        Map<UUID, MonitorStatus> table = topology.statuses.readKeyValuesToMap();
        assertThat(table).containsOnlyKeys(web1.monitorId(), web2.monitorId());
        assertThat(table.get(web1.monitorId()).lastStatus()).isEqualTo(FAILED);
        assertThat(table.get(web2.monitorId()).lastStatus()).isEqualTo(SUCCESS);
    }

    @Test
    void shouldNotBreakAFailureStreakOnARunningSignal() {
        topology.send(run("import", FAILED, "2026-11-01T01:00:00Z"));
        topology.send(run("import", FAILED, "2026-11-01T01:30:00Z"));
        topology.send(run("import", RUNNING, "2026-11-01T02:00:00Z"));
        topology.send(run("import", FAILED, "2026-11-01T02:10:00Z"));

        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::lastStatus, MonitorStatus::consecutiveFailures, MonitorStatus::totalRuns,
                        MonitorStatus::health)
                .containsExactly(
                        tuple(FAILED, 1, 1L, MonitorHealth.FAILING),
                        tuple(FAILED, 2, 2L, MonitorHealth.FAILING),
                        tuple(RUNNING, 2, 2L, MonitorHealth.FAILING),
                        tuple(FAILED, 3, 3L, MonitorHealth.FAILING));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::consecutiveFailures)
                .containsExactly(tuple(AlertType.FAILING, 3));
        // A running signal is not a finished run: no stats for it.
        assertThat(topology.stats.readValuesToList()).hasSize(3);
    }

    @Test
    void shouldKeepAMonitorNewUntilItsFirstFinishedRun() {
        TaskRunReported started = run("first", RUNNING, "2026-11-01T01:00:00Z");
        topology.send(started);
        TaskRunReported done = run("first", FAILED, "2026-11-01T01:05:00Z");
        topology.send(done);

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::health)
                .containsExactly(MonitorHealth.NEW, MonitorHealth.FAILING);
        assertThat(topology.flips.readValuesToList())
                .extracting(MonitorFlip::eventId, MonitorFlip::oldHealth, MonitorFlip::newHealth)
                .containsExactly(tuple(done.eventId(), MonitorHealth.NEW, MonitorHealth.FAILING));
    }

    @Test
    void shouldRemindOncePerRepeatIntervalOnTheWallClockWhileStillFailing() {
        useRules(MonitorRules.defaults().withReminderInterval(Duration.ofHours(1))
                .withPunctuationInterval(Duration.ofMinutes(1)));
        TaskRunReported f1 = run("stuck", FAILED, "2026-11-01T01:00:00Z");
        topology.send(f1);
        topology.send(run("stuck", FAILED, "2026-11-01T02:00:00Z"));
        topology.send(run("stuck", FAILED, "2026-11-01T03:00:00Z"));
        UUID id = f1.monitorId();
        UUID failing = AlertIds.of(id, AlertType.FAILING, f1.finishedAt(), 0);
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::alertId).containsExactly(failing);
        topology.statuses.readValuesToList();

        topology.advance(Duration.ofMinutes(59));
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.statuses.isEmpty()).isTrue();

        topology.advance(Duration.ofMinutes(1));
        Instant firstReminderAt = TopologyFixture.START.plus(Duration.ofHours(1));
        UUID reminder1 = AlertIds.of(id, AlertType.REMINDER, f1.finishedAt(), 1);
        assertThat(topology.alerts.readValuesToList()).containsExactly(new Alert(Alert.SCHEMA_VERSION, reminder1,
                AlertType.REMINDER, id, null, "stuck", "Task stuck", "shell", "", null, 3, 3, f1.finishedAt(),
                Instant.parse("2026-11-01T03:00:00Z"), "boom", 1, failing, firstReminderAt,
                "stuck (shell) is still failing: 3 failures in a row since 2026-11-01T01:00:00Z; last exit code 1,"
                        + " message: boom."));
        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::alertState, MonitorStatus::openAlertId, MonitorStatus::lastAlertAt)
                .containsExactly(tuple(AlertState.ALERTING, failing, firstReminderAt));

        topology.advance(Duration.ofMinutes(30));
        assertThat(topology.alerts.isEmpty()).isTrue();
        topology.advance(Duration.ofMinutes(30));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::alertId)
                .containsExactly(tuple(AlertType.REMINDER, AlertIds.of(id, AlertType.REMINDER, f1.finishedAt(), 2)));
        topology.statuses.readValuesToList();

        topology.send(run("stuck", SUCCESS, "2026-11-01T04:00:00Z"));
        topology.advance(Duration.ofHours(3));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::resolvesAlertId)
                .containsExactly(tuple(AlertType.RECOVERED, failing));
    }

    @Test
    void shouldRemindOnAFurtherFailureOnceTheRepeatIntervalHasPassed() {
        // Punctuation far apart, so only the failure itself can bring the reminder.
        useRules(MonitorRules.defaults().withReminderInterval(Duration.ofMinutes(10))
                .withPunctuationInterval(Duration.ofDays(1)));
        TaskRunReported f1 = run("flaky", FAILED, "2026-11-01T01:00:00Z");
        topology.send(f1);
        topology.send(run("flaky", FAILED, "2026-11-01T01:01:00Z"));
        topology.send(run("flaky", FAILED, "2026-11-01T01:02:00Z"));
        topology.advance(Duration.ofMinutes(9));
        topology.send(run("flaky", FAILED, "2026-11-01T01:09:00Z"));
        topology.advance(Duration.ofMinutes(2));
        topology.send(run("flaky", FAILED, "2026-11-01T01:11:00Z"));
        topology.send(run("flaky", FAILED, "2026-11-01T01:12:00Z"));

        UUID id = f1.monitorId();
        assertThat(topology.alerts.readValuesToList())
                .extracting(Alert::type, Alert::alertId, Alert::consecutiveFailures, Alert::raisedAt)
                .containsExactly(
                        tuple(AlertType.FAILING, AlertIds.of(id, AlertType.FAILING, f1.finishedAt(), 0), 3,
                                TopologyFixture.START),
                        tuple(AlertType.REMINDER, AlertIds.of(id, AlertType.REMINDER, f1.finishedAt(), 1), 5,
                                TopologyFixture.START.plus(Duration.ofMinutes(11))));
    }

    @Test
    void shouldRaiseNoAlertForADisabledMonitorAndAlertAgainOnceEnabledOnTheNextFailure() {
        TaskRunReported f1 = run("paused", FAILED, "2026-11-01T01:00:00Z");
        UUID id = f1.monitorId();
        topology.send(f1);
        topology.send(new MonitorSettingChanged(MonitorSettingChanged.SCHEMA_VERSION, UUID.randomUUID(), id, false,
                Instant.parse("2026-11-01T01:30:00Z")));
        topology.send(run("paused", FAILED, "2026-11-01T02:00:00Z"));
        topology.send(run("paused", FAILED, "2026-11-01T03:00:00Z"));
        topology.send(run("paused", FAILED, "2026-11-01T04:00:00Z"));
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::enabled,
                        MonitorStatus::consecutiveFailures, MonitorStatus::alertState)
                .containsExactly(tuple(true, 1, AlertState.NONE), tuple(false, 1, AlertState.NONE),
                        tuple(false, 2, AlertState.NONE), tuple(false, 3, AlertState.NONE),
                        tuple(false, 4, AlertState.NONE));

        topology.send(new MonitorSettingChanged(MonitorSettingChanged.SCHEMA_VERSION, UUID.randomUUID(), id, true,
                Instant.parse("2026-11-01T04:30:00Z")));
        assertThat(topology.alerts.isEmpty()).isTrue();
        topology.send(run("paused", FAILED, "2026-11-01T05:00:00Z"));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::alertId,
                        Alert::consecutiveFailures)
                .containsExactly(tuple(AlertType.FAILING, AlertIds.of(id, AlertType.FAILING, f1.finishedAt(), 0), 5));
    }

    @Test
    void shouldKeepAnOpenAlertOfADisabledMonitorWithoutRemindersAndStillSendItsRecovery() {
        useRules(MonitorRules.defaults().withReminderInterval(Duration.ofMinutes(30))
                .withPunctuationInterval(Duration.ofMinutes(1)));
        TaskRunReported f1 = run("muted", FAILED, "2026-11-01T01:00:00Z");
        UUID id = f1.monitorId();
        topology.send(f1);
        topology.send(run("muted", FAILED, "2026-11-01T02:00:00Z"));
        topology.send(run("muted", FAILED, "2026-11-01T03:00:00Z"));
        UUID failing = AlertIds.of(id, AlertType.FAILING, f1.finishedAt(), 0);
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::alertId).containsExactly(failing);

        topology.send(new MonitorSettingChanged(MonitorSettingChanged.SCHEMA_VERSION, UUID.randomUUID(), id, false,
                Instant.parse("2026-11-01T03:30:00Z")));
        topology.advance(Duration.ofHours(2));
        topology.send(run("muted", FAILED, "2026-11-01T04:00:00Z"));
        assertThat(topology.alerts.isEmpty()).isTrue();

        topology.send(run("muted", SUCCESS, "2026-11-01T05:00:00Z"));
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::resolvesAlertId)
                .containsExactly(tuple(AlertType.RECOVERED, failing));
        List<MonitorStatus> statuses = topology.statuses.readValuesToList();
        assertThat(statuses.get(statuses.size() - 1)).extracting(MonitorStatus::enabled, MonitorStatus::alertState,
                MonitorStatus::openAlertId).containsExactly(false, AlertState.NONE, null);
    }

    @Test
    void shouldApplyASettingMadeBeforeTheMonitorsFirstRun() {
        TaskRunReported first = run("early", FAILED, "2026-11-01T01:00:00Z");
        topology.send(new MonitorSettingChanged(MonitorSettingChanged.SCHEMA_VERSION, UUID.randomUUID(),
                first.monitorId(), false, Instant.parse("2026-11-01T00:00:00Z")));
        assertThat(topology.allOutputsRead()).isTrue();

        topology.send(first);
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::enabled).containsExactly(false);
    }

    @Test
    void shouldPublishTheFullTotalsOfAMonitorsHourAfterEachFinishedRun() {
        topology.send(Runs.withWork(run("load", SUCCESS, "2026-11-01T10:05:00Z"), 1000, 50L));
        topology.send(Runs.withWork(run("load", FAILED, "2026-11-01T10:40:00Z"), 3000, null));
        topology.send(Runs.withWork(run("load", SUCCESS, "2026-11-01T11:00:00Z"), 2000, 70L));
        TaskRunReported late = Runs.withWork(run("load", SUCCESS, "2026-11-01T10:59:59Z"), 500, 5L);
        topology.send(late);

        UUID id = late.monitorId();
        Instant ten = Instant.parse("2026-11-01T10:00:00Z");
        Instant eleven = Instant.parse("2026-11-01T11:00:00Z");
        assertThat(topology.stats.readKeyValuesToList()).containsExactly(
                KeyValue.pair(id, new MonitorStatsHourly(1, id, ten, 1, 0, 1000, 1000, 50)),
                KeyValue.pair(id, new MonitorStatsHourly(1, id, ten, 2, 1, 4000, 3000, 50)),
                KeyValue.pair(id, new MonitorStatsHourly(1, id, eleven, 1, 0, 2000, 2000, 70)),
                KeyValue.pair(id, new MonitorStatsHourly(1, id, ten, 3, 1, 4500, 3000, 55)));
    }

    @Test
    void shouldFillLastRecordsProcessedFromTheLatestRun() {
        topology.send(Runs.withWork(run("rows", SUCCESS, "2026-11-01T10:05:00Z"), 1000, 1234L));
        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::lastRecordsProcessed)
                .containsExactly(1234L);
    }
}

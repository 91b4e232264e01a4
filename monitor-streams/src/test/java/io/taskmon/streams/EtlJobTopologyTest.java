package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertState;
import io.taskmon.events.AlertType;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ETL job state from progress events, ETL_FAILED, and stall detection on the wall clock (silent jobs and
 * jobs whose heartbeats go on while their rows do not) with its recovery.
 */
class EtlJobTopologyTest {

    private static final Duration STALL = Duration.ofMinutes(5);

    // Each batch here rejects a few rows; error bursts have their own test, so they are out of reach.
    private final TopologyFixture topology = new TopologyFixture(MonitorRules.defaults()
            .withEtlStallTimeout(STALL).withPunctuationInterval(Duration.ofSeconds(10))
            .withEtlErrorBurst(new ErrorBurstRules(ErrorBurstRules.MAX_ROWS, Duration.ofMinutes(5))));
    private final UUID job = UUID.randomUUID();

    @AfterEach
    void close() {
        topology.close();
    }

    private EtlProgress started(Instant at) {
        return new EtlProgress.JobStarted(1, job, at, "tax-registration", "https://example.org/tax.csv", "full", 0,
                1_000_000L, 1000, "ETL-01");
    }

    private EtlProgress batch(long number, Instant at) {
        EtlTotals totals = new EtlTotals(number * 1000, number * 990, number * 6, number * 4, number);
        return new EtlProgress.BatchCompleted(1, job, at, number, 1000, 990, 6, 4, 400, totals, number * 50_000L,
                List.of(), 0);
    }

    private EtlProgress heartbeat(long batch, Instant at) {
        return new EtlProgress.Heartbeat(1, job, at, batch, batch * 1000, null);
    }

    @Test
    void shouldFollowAJobFromStartToSuccessWithoutAlerts() {
        Instant t0 = topology.now();
        topology.send(started(t0));
        topology.send(batch(1, t0.plusSeconds(10)));
        topology.send(batch(2, t0.plusSeconds(20)));
        EtlTotals totals = new EtlTotals(2000, 1980, 12, 8, 2);
        topology.send(new EtlProgress.JobFinished(1, job, t0.plusSeconds(25), EtlJobState.SUCCESS, 2, totals,
                25_000, null));

        List<KeyValue<UUID, EtlJobStatus>> out = topology.etlJobs.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsOnly(job);
        assertThat(out).extracting(kv -> kv.value.status(), kv -> kv.value.currentBatch(),
                        kv -> kv.value.lastSuccessfulBatch(), kv -> kv.value.totals().rowsLoaded())
                .containsExactly(
                        tuple(EtlJobState.RUNNING, 0L, 0L, 0L),
                        tuple(EtlJobState.RUNNING, 1L, 1L, 990L),
                        tuple(EtlJobState.RUNNING, 2L, 2L, 1980L),
                        tuple(EtlJobState.SUCCESS, 2L, 2L, 1980L));
        assertThat(out.get(3).value).isEqualTo(new EtlJobStatus(1, job, "tax-registration",
                "https://example.org/tax.csv", "full", "ETL-01", EtlJobState.SUCCESS, t0, t0.plusSeconds(25),
                t0.plusSeconds(25), 2, 2, totals, 80.0, 1_000_000L, 100_000L, null, AlertState.NONE, null,
                t0.plusSeconds(25), 2000L));
        assertThat(topology.alerts.isEmpty()).isTrue();

        topology.advance(STALL.multipliedBy(3));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldRaiseEtlFailedOnceWhenAJobEndsFailed() {
        Instant t0 = topology.now();
        topology.send(started(t0));
        topology.send(batch(1, t0.plusSeconds(10)));
        topology.send(new EtlProgress.BatchFailed(1, job, t0.plusSeconds(20), 2, 1000, "duplicate key", "/tmp/b2"));
        EtlProgress.JobFinished finished = new EtlProgress.JobFinished(1, job, t0.plusSeconds(21), EtlJobState.FAILED,
                1, new EtlTotals(1000, 990, 6, 4, 1), 21_000, "batch 2 could not be committed");
        topology.send(finished);
        topology.send(finished);
        topology.send(heartbeat(3, t0.plusSeconds(30)));

        UUID alertId = AlertIds.of(job, AlertType.ETL_FAILED, null, 0);
        assertThat(topology.alerts.readKeyValuesToList()).containsExactly(KeyValue.pair(job, new Alert(1, alertId,
                AlertType.ETL_FAILED, null, job, null, null, null, "ETL-01", "tax-registration", null, null,
                t0.plusSeconds(21), null, "batch 2 could not be committed", null, null, t0.plusSeconds(21),
                "ETL job tax-registration on ETL-01 (run " + job + ") failed after 1 committed batch (990 rows loaded):"
                        + " batch 2 could not be committed.")));
        List<EtlJobStatus> statuses = topology.etlJobs.readValuesToList();
        assertThat(statuses).extracting(EtlJobStatus::status, EtlJobStatus::currentBatch, EtlJobStatus::alertState)
                .containsExactly(
                        tuple(EtlJobState.RUNNING, 0L, AlertState.NONE),
                        tuple(EtlJobState.RUNNING, 1L, AlertState.NONE),
                        tuple(EtlJobState.RUNNING, 2L, AlertState.NONE),
                        tuple(EtlJobState.FAILED, 2L, AlertState.ALERTING));
        assertThat(statuses.get(3).openAlertId()).isEqualTo(alertId);
        topology.advance(STALL.multipliedBy(2));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldRaiseEtlStalledWhenARunningJobIsSilentPastTheTimeoutAndRecoveredWhenItResumes() {
        Instant t0 = topology.now();
        topology.send(started(t0));
        topology.send(batch(1, t0.plusSeconds(30)));
        topology.etlJobs.readValuesToList();

        // Silent for 4 min 50 s after the batch: not yet stalled.
        topology.advance(Duration.ofSeconds(30).plus(STALL).minusSeconds(10));
        assertThat(topology.allOutputsRead()).isTrue();

        topology.advance(Duration.ofSeconds(10));
        Instant stalledAt = t0.plusSeconds(30).plus(STALL);
        UUID stallId = AlertIds.of(job, AlertType.ETL_STALLED, t0.plusSeconds(30), 0);
        assertThat(topology.alerts.readValuesToList()).containsExactly(new Alert(1, stallId, AlertType.ETL_STALLED,
                null, job, null, null, null, "ETL-01", "tax-registration", null, null, t0.plusSeconds(30), null, null,
                null, null, stalledAt, "ETL job tax-registration on ETL-01 (run " + job + ") is stalled: no progress"
                + " since " + t0.plusSeconds(30) + " (5 min), last batch committed 1."));
        assertThat(topology.etlJobs.readValuesToList())
                .extracting(EtlJobStatus::status, EtlJobStatus::alertState, EtlJobStatus::openAlertId)
                .containsExactly(tuple(EtlJobState.STALLED, AlertState.ALERTING, stallId));

        topology.advance(STALL.multipliedBy(2));
        assertThat(topology.allOutputsRead()).isTrue();

        Instant resumed = topology.now();
        topology.send(batch(2, resumed));
        assertThat(topology.alerts.readValuesToList())
                .extracting(Alert::type, Alert::alertId, Alert::resolvesAlertId, Alert::raisedAt)
                .containsExactly(tuple(AlertType.RECOVERED, AlertIds.of(job, AlertType.RECOVERED, t0.plusSeconds(30), 0),
                        stallId, resumed));
        assertThat(topology.etlJobs.readValuesToList())
                .extracting(EtlJobStatus::status, EtlJobStatus::alertState, EtlJobStatus::openAlertId,
                        EtlJobStatus::lastSuccessfulBatch)
                .containsExactly(tuple(EtlJobState.RUNNING, AlertState.NONE, null, 2L));

        // A second silence is a new stall with a new id.
        topology.advance(STALL);
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::alertId)
                .containsExactly(tuple(AlertType.ETL_STALLED, AlertIds.of(job, AlertType.ETL_STALLED, resumed, 0)));
    }

    @Test
    void shouldRaiseEtlStalledWhenRowsStopAdvancingWhileHeartbeatsKeepComingAndRecoverOnTheNextBatch() {
        Instant t0 = topology.now();
        topology.send(started(t0));
        topology.send(batch(1, t0.plusSeconds(10)));
        topology.etlJobs.readValuesToList();
        Instant movedAt = t0.plusSeconds(10);

        // A hung worker: its heartbeat thread still says batch 2 is under way, with 1000 rows read.
        List<Instant> beats = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            topology.advance(Duration.ofSeconds(30));
            beats.add(topology.now());
            topology.send(new EtlProgress.Heartbeat(1, job, topology.now(), 2, 1000, null));
        }
        Instant stalledAt = t0.plusSeconds(330);
        Instant lastBeatBeforeStall = t0.plusSeconds(300);
        UUID stallId = AlertIds.of(job, AlertType.ETL_STALLED, movedAt, 0);
        assertThat(topology.alerts.readKeyValuesToList()).containsExactly(KeyValue.pair(job, new Alert(1, stallId,
                AlertType.ETL_STALLED, null, job, null, null, null, "ETL-01", "tax-registration", null, null, movedAt,
                null, null, null, null, stalledAt, "ETL job tax-registration on ETL-01 (run " + job + ") is stalled:"
                + " no progress since " + movedAt + " (5 min), though it still reported at " + lastBeatBeforeStall
                + ", last batch committed 1.")));
        // Ten heartbeats while running, the stall (at 330 s, before that tick's heartbeat), then one
        // heartbeat that leaves the job stalled.
        List<EtlJobStatus> statuses = topology.etlJobs.readValuesToList();
        assertThat(statuses).extracting(EtlJobStatus::status, EtlJobStatus::lastEventAt,
                        EtlJobStatus::lastProgressAt, EtlJobStatus::progressRows, EtlJobStatus::openAlertId)
                .containsExactly(
                        tuple(EtlJobState.RUNNING, beats.get(0), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(1), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(2), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(3), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(4), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(5), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(6), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(7), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(8), movedAt, 1000L, null),
                        tuple(EtlJobState.RUNNING, beats.get(9), movedAt, 1000L, null),
                        tuple(EtlJobState.STALLED, beats.get(9), movedAt, 1000L, stallId),
                        tuple(EtlJobState.STALLED, beats.get(10), movedAt, 1000L, stallId));

        // More heartbeats neither recover the job nor raise the stall again.
        topology.advance(Duration.ofMinutes(1));
        topology.send(new EtlProgress.Heartbeat(1, job, topology.now(), 2, 1000, null));
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.etlJobs.readValuesToList()).extracting(EtlJobStatus::status, EtlJobStatus::alertState)
                .containsExactly(tuple(EtlJobState.STALLED, AlertState.ALERTING));

        Instant resumed = topology.now().plusSeconds(5);
        topology.send(batch(2, resumed));
        assertThat(topology.alerts.readKeyValuesToList()).containsExactly(KeyValue.pair(job, new Alert(1,
                AlertIds.of(job, AlertType.RECOVERED, movedAt, 0), AlertType.RECOVERED, null, job, null, null, null,
                "ETL-01", "tax-registration", null, null, movedAt, null, null, null, stallId, resumed,
                "ETL job tax-registration on ETL-01 (run " + job + ") recovered: it moved on again at " + resumed
                        + " after no progress since " + movedAt + ".")));
        assertThat(topology.etlJobs.readValuesToList()).extracting(EtlJobStatus::status, EtlJobStatus::alertState,
                        EtlJobStatus::openAlertId, EtlJobStatus::lastProgressAt, EtlJobStatus::progressRows)
                .containsExactly(tuple(EtlJobState.RUNNING, AlertState.NONE, null, resumed, 2000L));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldKeepAJobRunningWhileItsHeartbeatsShowRowsAdvancing() {
        Instant t0 = topology.now();
        topology.send(started(t0));
        for (int minute = 1; minute <= 12; minute++) {
            topology.advance(Duration.ofMinutes(1));
            topology.send(heartbeat(minute, topology.now()));
        }
        assertThat(topology.alerts.isEmpty()).isTrue();
        assertThat(topology.etlJobs.readValuesToList()).extracting(EtlJobStatus::status).containsOnly(EtlJobState.RUNNING);
    }
}

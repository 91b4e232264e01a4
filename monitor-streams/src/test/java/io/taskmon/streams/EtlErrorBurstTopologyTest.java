package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlTotals;
import io.taskmon.events.RowRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ETL_ERROR_BURST: rejected rows within the window, one alert per burst, and how a burst ends. */
class EtlErrorBurstTopologyTest {

    private static final ErrorBurstRules RULES = ErrorBurstRules.defaults();

    private final TopologyFixture topology = new TopologyFixture(MonitorRules.defaults().withEtlErrorBurst(RULES));
    private final UUID job = UUID.randomUUID();
    private final Instant t0 = topology.now();
    private final String name = "ETL job tax-registration on ETL-01 (run " + job + ")";
    private long rowsRead;
    private long rowsFailed;
    private int events;

    @AfterEach
    void close() {
        topology.close();
    }

    private void send(EtlProgress event) {
        topology.send(event);
        events++;
    }

    private void start() {
        send(new EtlProgress.JobStarted(1, job, t0, "tax-registration", "tax.csv", "full", 0, null, 100, "ETL-01"));
    }

    /** Batch {@code number} of 100 rows, {@code rejected} of them refused, {@code seconds} after the start. */
    private EtlProgress batch(long number, long rejected, long seconds) {
        rowsRead = Math.max(rowsRead, number * 100);
        rowsFailed += rejected;
        List<RowRejection> rejections = new ArrayList<>();
        for (long i = 0; i < rejected; i++) {
            rejections.add(new RowRejection(number * 100 + i, "INVALID_BAN", "統一編號 must be 8 digits", "x"));
        }
        return new EtlProgress.BatchCompleted(1, job, t0.plusSeconds(seconds), number, 100, 100 - rejected, rejected,
                0, 20, new EtlTotals(rowsRead, rowsRead - rowsFailed, rowsFailed, 0, number), null, rejections, 0);
    }

    private EtlProgress heartbeat(long seconds) {
        return new EtlProgress.Heartbeat(1, job, t0.plusSeconds(seconds), 0, rowsRead, null);
    }

    private Alert burst(Instant since, Instant last, String summary) {
        return new Alert(1, AlertIds.of(job, AlertType.ETL_ERROR_BURST, since, 0), AlertType.ETL_ERROR_BURST, null, job,
                null, null, null, "ETL-01", "tax-registration", null, null, since, last,
                "INVALID_BAN: 統一編號 must be 8 digits", null, null, last, summary);
    }

    private Alert recovered(Alert burst, Instant at, String summary) {
        return new Alert(1, AlertIds.of(burst.alertId(), AlertType.RECOVERED, burst.firstFailureAt(), 0),
                AlertType.RECOVERED, null, job, null, null, null, "ETL-01", "tax-registration", null, null,
                burst.firstFailureAt(), null, null, null, burst.alertId(), at, summary);
    }

    /** Every status of the job went out, one per event, and the job ended as {@code last}. */
    private void assertOneStatusPerEvent(EtlJobState last) {
        List<EtlJobStatus> statuses = topology.etlJobs.readValuesToList();
        assertThat(statuses).hasSize(events);
        assertThat(statuses.subList(0, events - 1)).extracting(EtlJobStatus::status).containsOnly(EtlJobState.RUNNING);
        assertThat(statuses.get(events - 1).status()).isEqualTo(last);
    }

    @Test
    void shouldRaiseOneAlertPerBurstAndRecoverAfterAWindowWithoutRejectedRowsOrWhenTheRunEnds() {
        start();
        send(batch(1, 2, 10));
        send(batch(2, 0, 40));
        send(batch(3, 2, 60));
        send(batch(4, 3, 120));   // 7 rows within 5 min: the burst
        send(batch(5, 4, 180));   // the same burst: no second alert
        send(heartbeat(400));     // a rejected row 220 s ago: still in the burst
        send(heartbeat(481));     // 5 min 1 s after the last rejected row: over
        send(batch(6, 1, 500));
        send(batch(7, 4, 560));   // a new burst
        send(new EtlProgress.JobFinished(1, job, t0.plusSeconds(600), EtlJobState.SUCCESS, 7,
                new EtlTotals(700, 684, 16, 0, 7), 600_000, null));

        Alert first = burst(t0.plusSeconds(10), t0.plusSeconds(120), name + " rejected 7 rows within 5 min (alert at"
                + " 5), in batches 1 to 4; latest: INVALID_BAN: 統一編號 must be 8 digits.");
        Alert second = burst(t0.plusSeconds(500), t0.plusSeconds(560), name + " rejected 5 rows within 5 min (alert at"
                + " 5), in batches 6 to 7; latest: INVALID_BAN: 統一編號 must be 8 digits.");
        assertThat(topology.alerts.readKeyValuesToList()).containsExactly(
                KeyValue.pair(job, first),
                KeyValue.pair(job, recovered(first, t0.plusSeconds(481), name + ": the error burst since "
                        + t0.plusSeconds(10) + " is over, no row was rejected for 5 min.")),
                KeyValue.pair(job, second),
                KeyValue.pair(job, recovered(second, t0.plusSeconds(600), name + ": the error burst since "
                        + t0.plusSeconds(500) + " is over, the run ended.")));
        assertThat(first.alertId()).isNotEqualTo(second.alertId());
        assertOneStatusPerEvent(EtlJobState.SUCCESS);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldNotCountRejectionsSpreadThinnerThanTheRuleNorABatchDeliveredTwice() {
        start();
        // One rejected row every two minutes: never more than three within five minutes.
        for (int n = 1; n <= 10; n++) {
            send(batch(n, 1, n * 120L));
        }
        EtlProgress twice = batch(11, 3, 1400);
        send(twice);
        send(twice);
        assertThat(topology.alerts.isEmpty()).isTrue();

        send(batch(12, 1, 1410));   // 1 + 3 + 1: the fifth row within the window
        Alert alert = burst(t0.plusSeconds(1200), t0.plusSeconds(1410), name + " rejected 5 rows within 5 min"
                + " (alert at 5), in batches 10 to 12; latest: INVALID_BAN: 統一編號 must be 8 digits.");
        assertThat(topology.alerts.readKeyValuesToList()).containsExactly(KeyValue.pair(job, alert));
        assertOneStatusPerEvent(EtlJobState.RUNNING);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldCloseAnOpenBurstWhenTheRunFailsAfterItsFailedAlert() {
        start();
        send(batch(1, 6, 30));
        send(new EtlProgress.JobFinished(1, job, t0.plusSeconds(40), EtlJobState.FAILED, 1,
                new EtlTotals(100, 94, 6, 0, 1), 40_000, "connection reset"));
        send(batch(2, 9, 50));   // after the end: changes nothing

        Alert alert = burst(t0.plusSeconds(30), t0.plusSeconds(30), name + " rejected 6 rows within 5 min"
                + " (alert at 5), in batch 1; latest: INVALID_BAN: 統一編號 must be 8 digits.");
        List<KeyValue<UUID, Alert>> alerts = topology.alerts.readKeyValuesToList();
        assertThat(alerts).extracting(kv -> kv.value.type()).containsExactly(AlertType.ETL_ERROR_BURST,
                AlertType.ETL_FAILED, AlertType.RECOVERED);
        assertThat(alerts.get(0).value).isEqualTo(alert);
        assertThat(alerts.get(2).value).isEqualTo(recovered(alert, t0.plusSeconds(40), name + ": the error burst since "
                + t0.plusSeconds(30) + " is over, the run ended."));
        events--;   // the batch after the end publishes no status
        assertOneStatusPerEvent(EtlJobState.FAILED);
        topology.advance(Duration.ofMinutes(20));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldFollowTheConfiguredRowsAndWindow() {
        TopologyFixture strict = new TopologyFixture(MonitorRules.defaults()
                .withEtlErrorBurst(new ErrorBurstRules(1, Duration.ofMinutes(1))));
        try (strict) {
            strict.send(new EtlProgress.JobStarted(1, job, t0, "tax-registration", "tax.csv", "full", 0, null, 100,
                    "ETL-01"));
            strict.send(batch(1, 1, 10));
            strict.send(new EtlProgress.Heartbeat(1, job, t0.plusSeconds(71), 2, 100, null));
            assertThat(strict.alerts.readValuesToList()).extracting(Alert::type, Alert::summary).containsExactly(
                    tuple(AlertType.ETL_ERROR_BURST, name + " rejected 1 row within 60 s"
                            + " (alert at 1), in batch 1; latest: INVALID_BAN: 統一編號 must be 8 digits."),
                    tuple(AlertType.RECOVERED, name + ": the error burst since "
                            + t0.plusSeconds(10) + " is over, no row was rejected for 60 s."));
        }
    }
}

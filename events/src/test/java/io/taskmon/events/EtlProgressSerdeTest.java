package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EtlProgressSerdeTest {

    private static final String TOPIC = Topics.ETL_PROGRESS.name();
    private static final UUID JOB = UUID.fromString("0b6f7a8e-3c1d-4f5e-9a2b-1c3d5e7f9a0b");
    private static final Instant AT = Instant.parse("2026-11-23T02:00:00Z");

    @Test
    void writesTheEventTypeAndReadsEveryKindBackAsItself() {
        List<EtlProgress> events = List.of(
                new EtlProgress.JobStarted(1, JOB, AT, "tax-registration", "BGMOPEN1.csv", "full", 0, 304_000_000L,
                        10_000, "ETL-01"),
                new EtlProgress.BatchCompleted(1, JOB, AT, 1, 10_000, 9_990, 7, 3, 850,
                        new EtlTotals(10_000, 9_990, 7, 3, 1), 1_900_000L,
                        List.of(new RowRejection(42, "INVALID_BAN", "統一編號 must be 8 digits", "臺北市,1234,...")), 6),
                new EtlProgress.BatchFailed(1, JOB, AT, 2, 10_000, "connection reset", "failed-batch-2.csv"),
                new EtlProgress.Heartbeat(1, JOB, AT, 3, 25_000, 4_000_000L),
                new EtlProgress.JobFinished(1, JOB, AT, EtlJobState.FAILED, 1, new EtlTotals(10_000, 9_990, 7, 3, 1),
                        90_000, "connection reset"));

        for (EtlProgress event : events) {
            byte[] bytes = Topics.ETL_PROGRESS.valueSerde().serializer().serialize(TOPIC, event);
            String json = new String(bytes, StandardCharsets.UTF_8);
            assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"", "\"job_run_id\"");
            assertThat(Topics.ETL_PROGRESS.valueSerde().deserializer().deserialize(TOPIC, bytes)).isEqualTo(event);
        }
    }

    @Test
    void writesASuccessfulFinishAsSuccessAndStillReadsTheOldSucceeded() {
        EtlProgress finished = new EtlProgress.JobFinished(1, JOB, AT, EtlJobState.SUCCESS, 2,
                new EtlTotals(20_000, 19_990, 7, 3, 2), 90_000, null);
        String json = new String(Topics.ETL_PROGRESS.valueSerde().serializer().serialize(TOPIC, finished),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"success\"").doesNotContain("succeeded");

        byte[] old = json.replace("\"status\":\"success\"", "\"status\":\"succeeded\"").getBytes(StandardCharsets.UTF_8);
        assertThat(Topics.ETL_PROGRESS.valueSerde().deserializer().deserialize(TOPIC, old)).isEqualTo(finished);
    }

    @Test
    void readsAJobStatusWrittenWithTheOldSucceededAsSuccess() {
        EtlJobStatus status = new EtlJobStatus(EtlJobStatus.SCHEMA_VERSION, JOB, "tax-registration", "BGMOPEN1.csv",
                "full", "ETL-01", EtlJobState.SUCCESS, AT.minusSeconds(90), AT, AT, 2, 2,
                new EtlTotals(20_000, 19_990, 7, 3, 2), 222.1, 1_600_000L, 1_600_000L, null, AlertState.NONE, null);
        String json = new String(Topics.ETL_JOBS.valueSerde().serializer().serialize(TOPIC, status),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"status\":\"success\"");

        byte[] old = json.replace("\"status\":\"success\"", "\"status\":\"succeeded\"").getBytes(StandardCharsets.UTF_8);
        assertThat(Topics.ETL_JOBS.valueSerde().deserializer().deserialize(TOPIC, old)).isEqualTo(status);
    }

    @Test
    void roundTripsTheProgressWatchAndReadsAStatusWithoutItAsWatchedFromItsLastEvent() {
        EtlJobStatus status = new EtlJobStatus(EtlJobStatus.SCHEMA_VERSION, JOB, "tax-registration", "BGMOPEN1.csv",
                "full", "ETL-01", EtlJobState.STALLED, AT.minusSeconds(900), null, AT, 3, 2,
                new EtlTotals(20_000, 19_990, 7, 3, 2), 22.2, null, null, null, AlertState.ALERTING, JOB,
                AT.minusSeconds(600), 25_000L);
        byte[] json = Topics.ETL_JOBS.valueSerde().serializer().serialize(TOPIC, status);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"last_progress_at\":\"2026-11-23T01:50:00Z\"", "\"progress_rows\":25000");
        assertThat(Topics.ETL_JOBS.valueSerde().deserializer().deserialize(TOPIC, json)).isEqualTo(status);
        assertThat(status.stallClock()).isEqualTo(AT.minusSeconds(600));

        byte[] old = new String(json, StandardCharsets.UTF_8)
                .replace("\"last_progress_at\":\"2026-11-23T01:50:00Z\",", "").replace(",\"progress_rows\":25000", "")
                .getBytes(StandardCharsets.UTF_8);
        EtlJobStatus read = Topics.ETL_JOBS.valueSerde().deserializer().deserialize(TOPIC, old);
        assertThat(read.lastProgressAt()).isNull();
        assertThat(read.progressRows()).isZero();
        assertThat(read.stallClock()).isEqualTo(AT);
    }

    @Test
    void namesEveryStateByItsWireNameAndTakesSucceededAsTheOldSpellingOfSuccess() {
        for (EtlJobState state : EtlJobState.values()) {
            assertThat(EtlJobState.fromWireName(state.wireName())).isEqualTo(state);
        }
        assertThat(EtlJobState.SUCCESS.wireName()).isEqualTo("success");
        assertThat(EtlJobState.fromWireName("succeeded")).isEqualTo(EtlJobState.SUCCESS);
        assertThat(EtlJobState.fromWireName("SUCCESS")).isNull();
        assertThat(EtlJobState.SUCCESS.isFinished()).isTrue();
    }

    @Test
    void refusesAnUnknownEventTypeAsUnreadable() {
        byte[] unknown = ("{\"type\":\"JobExploded\",\"job_run_id\":\"" + JOB + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Topics.ETL_PROGRESS.valueSerde().deserializer().deserialize(TOPIC, unknown))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("EtlProgress");
    }
}

package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.web.RequestRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportParserTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ReportParser parser = new ReportParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private TaskRunReported parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTimestampsWithoutAnOffsetAsUtcAndDerivesTheDuration() {
        TaskRunReported run = parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":"failed",
                 "started_at":"2026-01-22T09:00:00","finished_at":"2026-01-22T09:00:01.5"}""");
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-22T09:00:00Z"));
        assertThat(run.durationMs()).isEqualTo(1500L);
        assertThat(run.receivedAt()).isEqualTo(NOW);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void acceptsAPowerShellRoundTripTimestampWithSevenFractionDigits() {
        TaskRunReported run = parse("""
                {"task_key":"k","task_name":"n","kind":"bat","status":"success",
                 "finished_at":"2026-01-22T18:05:30.1234567+09:00"}""");
        assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-01-22T09:05:30.1234567Z"));
        assertThat(run.durationMs()).isNull();
    }

    @Test
    void groupsARunningSignalByItsRunIdAndTreatsABlankMachineAsNone() {
        TaskRunReported run = parse("""
                {"task_key":"k","task_name":"n","kind":"etl","status":"running","run_id":"batch-42","machine_name":"  "}""");
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.runId()).isEqualTo("batch-42");
        assertThat(run.machineName()).isNull();
        assertThat(run.monitorId()).isEqualTo(MonitorId.of("k", "etl", null));
    }

    @Test
    void keepsAnOverlongMessageCutAtAUtf8BoundaryWithAMarker() {
        String message = "障".repeat(10_000); // 30,000 bytes in UTF-8
        TaskRunReported run = parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":"failed","message":"%s"}""".formatted(message));
        byte[] kept = run.message().getBytes(StandardCharsets.UTF_8);
        assertThat(kept.length).isLessThanOrEqualTo(MessageTruncation.MESSAGE_MAX_BYTES);
        assertThat(run.message()).endsWith(MessageTruncation.TRUNCATION_MARKER);
        assertThat(run.message().replace(MessageTruncation.TRUNCATION_MARKER, "")).matches("障+");
        assertThat(MessageTruncation.truncate("short")).isEqualTo("short");
    }

    @Test
    void leavesTheOptionalCountsUnsetAndKeepsLabelsInTheOrderSent() {
        TaskRunReported bare = parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":"success","labels":null,"attempt":null}""");
        assertThat(bare.recordsProcessed()).isNull();
        assertThat(bare.attempt()).isNull();
        assertThat(bare.alertAfterFailures()).isNull();
        assertThat(bare.labels()).isEmpty();

        TaskRunReported full = parse("""
                {"task_key":"k","task_name":"n","kind":"etl","status":"failed","records_processed":0,"records_failed":0,
                 "attempt":3,"max_attempts":3,"labels":{"z":"1","a":"","county":"新北"},"alert_after_failures":100}""");
        assertThat(full.recordsProcessed()).isZero();
        assertThat(full.attempt()).isEqualTo(3);
        assertThat(full.labels().keySet()).containsExactly("z", "a", "county");
        assertThat(full.labels()).containsEntry("county", "新北").containsEntry("a", "");
        assertThat(full.alertAfterFailures()).isEqualTo(100);
    }

    @Test
    void namesTheBatchItemThatIsNotAnObject() {
        assertThatThrownBy(() -> parser.parse(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("x")))
                .isInstanceOf(RequestRejected.class).hasMessage("A report must be a JSON object");
    }

    @Test
    void refusesValuesOutOfRange() {
        String tooLongName = "名".repeat(201);
        assertThatThrownBy(() -> parse("""
                {"task_key":"k","task_name":"%s","kind":"shell","status":"success"}""".formatted(tooLongName)))
                .isInstanceOf(RequestRejected.class).hasMessageStartingWith("task_name must be 1 to 200 characters");
        assertThatThrownBy(() -> parse("""
                {"task_key":"%s","task_name":"n","kind":"shell","status":"success"}""".formatted("k".repeat(129))))
                .isInstanceOf(RequestRejected.class).hasMessageStartingWith("task_key must start");
        assertThatThrownBy(() -> parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":"success","exit_code":3000000000}"""))
                .isInstanceOf(RequestRejected.class).hasMessage("exit_code must be a whole number");
        assertThatThrownBy(() -> parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":"success","exit_code":1.5}"""))
                .isInstanceOf(RequestRejected.class).hasMessage("exit_code must be a whole number");
        assertThatThrownBy(() -> parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":"success","machine_name":7}"""))
                .isInstanceOf(RequestRejected.class).hasMessage("machine_name must be a string");
        assertThatThrownBy(() -> parse("""
                {"task_key":"k","task_name":"n","kind":"shell","status":null}"""))
                .isInstanceOf(RequestRejected.class).hasMessage("status is required and must be a string");
        assertThatThrownBy(() -> parse("   "))
                .isInstanceOf(RequestRejected.class).hasMessageStartingWith("The request body is empty");
        assertThatThrownBy(() -> parse("null"))
                .isInstanceOf(RequestRejected.class).hasMessage("The request body must be a JSON object");
    }
}

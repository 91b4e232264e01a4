package io.taskmon.streams;

import static io.taskmon.events.RunStatus.SUCCESS;
import static io.taskmon.streams.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records that cannot be read or break the contract go to the dead-letter topic; processing goes on. */
class DeadLetterTopologyTest {

    private final TopologyFixture topology = new TopologyFixture(MonitorRules.defaults());

    @AfterEach
    void close() {
        topology.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON of a good report with one field replaced (or removed, for a null value). */
    private static String reportWith(TaskRunReported run, String field, Object value) throws Exception {
        ObjectNode tree = (ObjectNode) EventJson.mapper().valueToTree(run);
        if (value == null) {
            tree.remove(field);
        } else {
            tree.set(field, EventJson.mapper().valueToTree(value));
        }
        return EventJson.mapper().writeValueAsString(tree);
    }

    @Test
    void shouldSendEveryUnreadableOrInvalidRunReportToTheDeadLetterTopicWithItsReasonAndGoOn() throws Exception {
        TaskRunReported good = run("after-poison", SUCCESS, "2026-11-01T01:00:00Z");
        byte[] key = bytes(good.monitorId().toString());
        List<KeyValue<byte[], String>> poison = List.of(
                KeyValue.pair(key, "{not json"),
                KeyValue.pair(bytes("not-a-uuid"), reportWith(good, "task_key", "x")),
                KeyValue.pair(key, reportWith(good, "monitor_id", null)),
                KeyValue.pair(key, reportWith(good, "status", null)),
                KeyValue.pair(key, reportWith(good, "status", "exploded")),
                KeyValue.pair(key, reportWith(good, "event_id", null)),
                KeyValue.pair(key, reportWith(good, "alert_after_failures", 0)),
                KeyValue.pair(bytes(UUID.randomUUID().toString()), reportWith(good, "task_key", "x")),
                KeyValue.pair(key, "null"));
        for (KeyValue<byte[], String> record : poison) {
            topology.rawRuns.pipeInput(record.key, bytes(record.value));
        }
        topology.rawRuns.pipeInput(new TestRecord<>(key, (byte[]) null));
        topology.rawRuns.pipeInput(new TestRecord<byte[], byte[]>((byte[]) null, bytes(reportWith(good, "x", 1))));
        topology.send(good);

        List<TestRecord<byte[], DeadLetter>> letters = topology.deadLetters.readRecordsToList();
        assertThat(letters).extracting(r -> r.value().reason().replaceAll(" at \\[Source.*", "").split(":")[0])
                .containsExactly(
                        "cannot read TaskRunReported from taskmon.task-runs.v1",
                        "the key is not a UUID",
                        "monitor_id is missing",
                        "status is missing or not one of success, failed, running",
                        "status is missing or not one of success, failed, running",
                        "event_id is missing",
                        "alert_after_failures must be from 1 to 100, got 0",
                        "the key " + new String(poison.get(7).key, StandardCharsets.UTF_8) + " is not the monitor_id "
                                + good.monitorId(),
                        "the value is JSON null",
                        "the record has no value",
                        "the record has no key; taskmon.task-runs.v1 is keyed by id");
        DeadLetter first = letters.get(0).value();
        assertThat(letters.get(0).key()).isEqualTo(key);
        assertThat(first).extracting(DeadLetter::sourceTopic, DeadLetter::sourcePartition, DeadLetter::sourceOffset,
                        DeadLetter::consumer, DeadLetter::rawValue, DeadLetter::rawValueBase64, DeadLetter::failedAt)
                .containsExactly(Topics.TASK_RUNS.name(), 0, 0L, "monitor-streams", "{not json",
                        Base64.getEncoder().encodeToString(bytes("{not json")), TopologyFixture.START);
        assertThat(letters).extracting(r -> r.value().sourceOffset())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(letters.get(1).key()).isEqualTo(bytes("not-a-uuid"));
        assertThat(letters.get(9).value()).extracting(DeadLetter::rawValue, DeadLetter::rawValueBase64)
                .containsExactly(null, null);
        assertThat(letters.get(10).key()).isNull();

        List<KeyValue<UUID, MonitorStatus>> statuses = topology.statuses.readKeyValuesToList();
        assertThat(statuses).extracting(s -> s.key, s -> s.value.totalRuns())
                .containsExactly(tuple(good.monitorId(), 1L));
        assertThat(topology.stats.readValuesToList()).hasSize(1);
        assertThat(topology.flips.readValuesToList()).hasSize(1);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldSendASettingWithoutEnabledOrForAnotherMonitorToTheDeadLetterTopic() {
        UUID monitor = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        byte[] key = bytes(monitor.toString());
        TestInputTopic<byte[], byte[]> raw = topology.rawSettings;
        raw.pipeInput(key, bytes("{\"schema_version\":1,\"monitor_id\":\"" + monitor + "\"}"));
        raw.pipeInput(key, bytes("{\"schema_version\":1,\"monitor_id\":\"" + monitor + "\",\"enabled\":\"no\"}"));
        raw.pipeInput(key, bytes("{\"schema_version\":1,\"monitor_id\":\"" + other + "\",\"enabled\":false}"));
        raw.pipeInput(key, bytes("[1,2"));

        assertThat(topology.deadLetters.readValuesToList())
                .extracting(DeadLetter::sourceTopic, l -> l.reason().split(":")[0])
                .containsExactly(
                        tuple(Topics.MONITOR_SETTINGS.name(), "enabled is missing or not true/false"),
                        tuple(Topics.MONITOR_SETTINGS.name(), "enabled is missing or not true/false"),
                        tuple(Topics.MONITOR_SETTINGS.name(), "the key " + monitor + " is not the monitor_id " + other),
                        tuple(Topics.MONITOR_SETTINGS.name(), "cannot read taskmon.monitor-settings.v1 JSON"));
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldSendUnreadableEtlProgressToTheDeadLetterTopicAndGoOn() {
        UUID job = UUID.randomUUID();
        byte[] key = bytes(job.toString());
        String at = "\"at\":\"2026-11-01T12:00:00Z\"";
        topology.rawEtlProgress.pipeInput(key, bytes("{\"schema_version\":1,\"job_run_id\":\"" + job + "\"," + at + "}"));
        topology.rawEtlProgress.pipeInput(key, bytes("{\"type\":\"Exploded\",\"job_run_id\":\"" + job + "\"," + at + "}"));
        topology.rawEtlProgress.pipeInput(key, bytes("{\"type\":\"Heartbeat\",\"schema_version\":1,\"job_run_id\":\""
                + job + "\",\"current_batch\":1,\"rows_read\":5}"));
        topology.rawEtlProgress.pipeInput(key, bytes("{\"type\":\"JobFinished\",\"schema_version\":1,\"job_run_id\":\""
                + job + "\"," + at + ",\"status\":\"running\",\"last_committed_batch\":1,\"duration_ms\":5}"));
        topology.rawEtlProgress.pipeInput(key, bytes("{\"type\":\"Heartbeat\",\"schema_version\":1,\"job_run_id\":\""
                + job + "\"," + at + ",\"current_batch\":1,\"rows_read\":5}"));

        assertThat(topology.deadLetters.readValuesToList())
                .extracting(DeadLetter::sourceTopic, l -> l.reason().startsWith("cannot read EtlProgress") ? "unreadable" : l.reason())
                .containsExactly(
                        tuple(Topics.ETL_PROGRESS.name(), "unreadable"),
                        tuple(Topics.ETL_PROGRESS.name(), "unreadable"),
                        tuple(Topics.ETL_PROGRESS.name(), "at is missing"),
                        tuple(Topics.ETL_PROGRESS.name(), "a JobFinished status must be success or failed"));
        assertThat(topology.etlJobs.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.currentBatch())
                .containsExactly(tuple(job, 1L));
        assertThat(topology.allOutputsRead()).isTrue();
    }
}

package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final String TOPIC = Topics.TASK_RUNS.name();

    private final TaskRunReported run = new TaskRunReported(
            TaskRunReported.SCHEMA_VERSION,
            UUID.fromString("5b1e3a56-0c1e-4a4f-9f5e-0d9cfb0b1a01"), "5b1e3a56-0c1e-4a4f-9f5e-0d9cfb0b1a01",
            MonitorId.of("sync-orders", "python", "WEB-01"),
            "sync-orders", "注文同期", "python", "WEB-01", RunStatus.FAILED,
            Instant.parse("2026-11-01T02:00:00Z"), Instant.parse("2026-11-01T02:00:05Z"),
            5000L, 2, "タイムアウト", null, Instant.parse("2026-11-01T02:00:06Z"),
            120L, 3L, 1, 3, "celery-42", java.util.Map.of("county", "臺北市"), 2);

    @Test
    void writesSnakeCaseWithIsoInstantsAndWireStatusAndReadsItBack() {
        byte[] bytes = Topics.TASK_RUNS.valueSerde().serializer().serialize(TOPIC, run);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"schema_version\":1", "\"task_key\":\"sync-orders\"", "\"status\":\"failed\"",
                        "\"finished_at\":\"2026-11-01T02:00:05Z\"", "\"task_name\":\"注文同期\"")
                .doesNotContain("log_url");
        assertThat(Topics.TASK_RUNS.valueSerde().deserializer().deserialize(TOPIC, bytes)).isEqualTo(run);
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() {
        String json = "{\"schema_version\":2,\"event_id\":\"5b1e3a56-0c1e-4a4f-9f5e-0d9cfb0b1a01\","
                + "\"task_key\":\"k\",\"kind\":\"shell\",\"status\":\"success\",\"brand_new_field\":[1,2]}";
        TaskRunReported read = Topics.TASK_RUNS.valueSerde().deserializer()
                .deserialize(TOPIC, json.getBytes(StandardCharsets.UTF_8));
        assertThat(read.taskKey()).isEqualTo("k");
        assertThat(read.status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void reportsUnreadableBytesAsASerializationExceptionNamingTheTopic() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Topics.TASK_RUNS.valueSerde().deserializer().deserialize(TOPIC, garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TaskRunReported")
                .hasMessageContaining(TOPIC);
        byte[] wrongShape = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Topics.TASK_RUNS.valueSerde().deserializer().deserialize(TOPIC, wrongShape))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void keepsTombstonesAsNull() {
        assertThat(Topics.MONITOR_STATUS.valueSerde().serializer().serialize("t", null)).isNull();
        assertThat(Topics.MONITOR_STATUS.valueSerde().deserializer().deserialize("t", null)).isNull();
    }
}

package io.taskmon.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.ClockTick;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EventJson;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.SettingChange;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reading and checking the records of each input topic. Whatever a producer wrote, the answer is
 * a value fit for the rules or an {@link InvalidRecord} saying in one sentence what is wrong.
 */
final class InputDecoders {

    /** Turns a record's raw key and value into a value, or says why it cannot. */
    @FunctionalInterface
    interface Decoder<V> {
        V decode(UUID key, byte[] value) throws InvalidRecord;
    }

    private InputDecoders() {
    }

    static UUID key(Topic<UUID, ?> topic, byte[] key) throws InvalidRecord {
        if (key == null) {
            throw new InvalidRecord("the record has no key; " + topic.name() + " is keyed by id");
        }
        try {
            return topic.keySerde().deserializer().deserialize(topic.name(), key);
        } catch (RuntimeException e) {
            throw new InvalidRecord("the key is not a UUID: " + e.getMessage());
        }
    }

    static MonitorEvent run(UUID key, byte[] value) throws InvalidRecord {
        TaskRunReported run = read(Topics.TASK_RUNS, value);
        require(run.monitorId() != null, "monitor_id is missing");
        require(key.equals(run.monitorId()), "the key " + key + " is not the monitor_id " + run.monitorId());
        require(run.eventId() != null, "event_id is missing");
        require(run.status() != null, "status is missing or not one of success, failed, running");
        require(run.taskKey() != null && !run.taskKey().isBlank(), "task_key is missing");
        require(run.kind() != null && !run.kind().isBlank(), "kind is missing");
        require(run.occurredAt() != null, "finished_at, started_at and received_at are all missing");
        Integer threshold = run.alertAfterFailures();
        require(threshold == null || (threshold >= MonitorRules.MIN_ALERT_AFTER_FAILURES
                        && threshold <= MonitorRules.MAX_ALERT_AFTER_FAILURES),
                "alert_after_failures must be from 1 to 100, got " + threshold);
        if (run.monitorConfig() != null) {
            Optional<String> problem = run.monitorConfig().problem();
            require(problem.isEmpty(), problem.orElse(""));
        }
        return new MonitorEvent.Run(run);
    }

    static MonitorEvent setting(UUID key, byte[] value) throws InvalidRecord {
        JsonNode tree = tree(Topics.MONITOR_SETTINGS, value);
        JsonNode changeName = tree.path("change");
        require(changeName.isMissingNode() || changeName.isNull()
                        || SettingChange.fromWireName(changeName.asText()) != null,
                "change must be one of enabled, created, configured, deleted");
        boolean enabling = changeName.isMissingNode() || changeName.isNull()
                || SettingChange.fromWireName(changeName.asText()) == SettingChange.ENABLED;
        // 'enabled' missing must not read as false and silently disable the monitor, so its
        // presence is checked on the JSON itself.
        require(!enabling || tree.path("enabled").isBoolean(), "enabled is missing or not true/false");
        MonitorSettingChanged change = read(Topics.MONITOR_SETTINGS, value);
        require(change.monitorId() != null, "monitor_id is missing");
        require(key.equals(change.monitorId()), "the key " + key + " is not the monitor_id " + change.monitorId());
        switch (change.changeOrEnabled()) {
            case ENABLED -> {
                // checked above, before reading
            }
            case CREATED -> {
                require(change.taskKey() != null && !change.taskKey().isBlank(), "task_key is missing");
                require(change.taskName() != null && !change.taskName().isBlank(), "task_name is missing");
                require(change.kind() != null && !change.kind().isBlank(), "kind is missing");
                require(change.monitorId().equals(MonitorId.of(change.taskKey(), change.kind(), change.machineName())),
                        "monitor_id is not the id of its task_key, kind and machine_name");
                requireFit(change.monitorConfig());
            }
            case CONFIGURED -> {
                require(change.monitorConfig() != null, "monitor_config is missing");
                requireFit(change.monitorConfig());
            }
            case DELETED -> {
                // the key says which monitor; nothing else is needed
            }
        }
        return new MonitorEvent.Setting(change);
    }

    private static void requireFit(MonitorConfig config) throws InvalidRecord {
        if (config != null) {
            Optional<String> problem = config.problem();
            require(problem.isEmpty(), problem.orElse(""));
        }
    }

    static MonitorEvent tick(UUID key, byte[] value) throws InvalidRecord {
        ClockTick tick = read(Topics.CLOCK_TICKS, value);
        require(tick.gatewayId() != null, "gateway_id is missing");
        require(key.equals(tick.gatewayId()), "the key " + key + " is not the gateway_id " + tick.gatewayId());
        require(tick.at() != null, "at is missing");
        return new MonitorEvent.Tick(tick);
    }

    static EtlProgress etlProgress(UUID key, byte[] value) throws InvalidRecord {
        EtlProgress progress = read(Topics.ETL_PROGRESS, value);
        require(progress.jobRunId() != null, "job_run_id is missing");
        require(key.equals(progress.jobRunId()), "the key " + key + " is not the job_run_id " + progress.jobRunId());
        require(progress.at() != null, "at is missing");
        if (progress instanceof EtlProgress.JobFinished finished) {
            EtlJobState status = finished.status();
            require(status != null && status.isFinished(), "a JobFinished status must be success or failed");
        }
        return progress;
    }

    private static <V> V read(Topic<UUID, V> topic, byte[] value) throws InvalidRecord {
        if (value == null) {
            throw new InvalidRecord("the record has no value");
        }
        try {
            V decoded = topic.valueSerde().deserializer().deserialize(topic.name(), value);
            if (decoded == null) {
                throw new InvalidRecord("the value is JSON null");
            }
            return decoded;
        } catch (SerializationException e) {
            throw new InvalidRecord(shorten(e.getMessage()));
        }
    }

    private static JsonNode tree(Topic<UUID, ?> topic, byte[] value) throws InvalidRecord {
        if (value == null) {
            throw new InvalidRecord("the record has no value");
        }
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new InvalidRecord("cannot read " + topic.name() + " JSON: " + shorten(e.getMessage()));
        }
    }

    private static void require(boolean condition, String reason) throws InvalidRecord {
        if (!condition) {
            throw new InvalidRecord(reason);
        }
    }

    /** Jackson's messages quote the input at length; the first line says what went wrong. */
    private static String shorten(String message) {
        if (message == null) {
            return "unreadable value";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}

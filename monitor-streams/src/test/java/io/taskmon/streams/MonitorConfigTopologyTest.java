package io.taskmon.streams;

import static io.taskmon.streams.Runs.run;
import static io.taskmon.streams.Runs.withConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.events.DeadLetter;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A monitor's configuration as reports carry it: the latest report that carries one sets it. */
class MonitorConfigTopologyTest {

    private static final MonitorConfig NIGHTLY = new MonitorConfig("0 2 * * *", "Asia/Taipei", null, null, null,
            null, 2, null);
    private static final MonitorConfig HOURLY = new MonitorConfig(null, null, 3600L, null, null, null, null, null);

    private final TopologyFixture topology = new TopologyFixture(MonitorRules.defaults());

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void shouldKeepTheConfigurationOfTheLatestReportThatCarriesOne() {
        topology.send(withConfig(run("cfg", RunStatus.SUCCESS, "2026-11-01T10:00:00Z"), NIGHTLY));
        topology.send(run("cfg", RunStatus.SUCCESS, "2026-11-01T11:00:00Z"));
        // Older than the run the status holds: counted, but it does not undo the newer configuration.
        topology.send(withConfig(run("cfg", RunStatus.SUCCESS, "2026-11-01T09:00:00Z"), HOURLY));

        List<MonitorConfig> configs = topology.statuses.readValuesToList().stream()
                .map(MonitorStatus::monitorConfig).toList();
        assertThat(configs).containsExactly(NIGHTLY, NIGHTLY, NIGHTLY);
        topology.stats.readValuesToList();
        topology.flips.readValuesToList();
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldTakeTheThresholdFromTheConfiguration() {
        topology.send(withConfig(run("cfg", RunStatus.FAILED, "2026-11-01T10:00:00Z"), NIGHTLY));
        topology.send(run("cfg", RunStatus.FAILED, "2026-11-01T11:00:00Z"));

        assertThat(topology.statuses.readValuesToList()).extracting(MonitorStatus::alertAfterFailures)
                .containsExactly(2, 2);
        assertThat(topology.alerts.readValuesToList()).extracting(a -> a.type().wireName())
                .containsExactly("FAILING");
    }

    @Test
    void shouldSendARunWithABadConfigurationToTheDeadLetters() {
        TaskRunReported bad = withConfig(run("cfg", RunStatus.SUCCESS, "2026-11-01T10:00:00Z"),
                new MonitorConfig("0 2 * * *", "Mars/Olympus", null, null, null, null, null, null));
        byte[] value = Topics.TASK_RUNS.valueSerde().serializer().serialize("t", bad);
        topology.rawRuns.pipeInput(bad.monitorId().toString().getBytes(StandardCharsets.UTF_8), value);

        List<KeyValue<byte[], DeadLetter>> letters = topology.deadLetters.readKeyValuesToList();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).value.reason()).startsWith("monitor_config.timezone must be an IANA time zone");
        assertThat(topology.allOutputsRead()).isTrue();
    }

    static UUID id(String taskKey) {
        return run(taskKey, RunStatus.SUCCESS, "2026-11-01T10:00:00Z").monitorId();
    }
}

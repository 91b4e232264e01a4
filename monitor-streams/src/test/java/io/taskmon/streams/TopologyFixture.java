package io.taskmon.streams;

import io.taskmon.events.Alert;
import io.taskmon.events.ClockTick;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.MonitorStatsHourly;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole topology under {@link TopologyTestDriver}, with every input and output topic and a wall clock. */
final class TopologyFixture implements AutoCloseable {

    /** The driver's wall clock at the start of every test. */
    static final Instant START = Instant.parse("2026-11-01T12:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<UUID, TaskRunReported> runs;
    final TestInputTopic<UUID, MonitorSettingChanged> settings;
    final TestInputTopic<UUID, EtlProgress> etlProgress;
    final TestInputTopic<UUID, ClockTick> ticks;
    final TestInputTopic<byte[], byte[]> rawRuns;
    final TestInputTopic<byte[], byte[]> rawSettings;
    final TestInputTopic<byte[], byte[]> rawEtlProgress;
    final TestOutputTopic<UUID, MonitorStatus> statuses;
    final TestOutputTopic<UUID, Alert> alerts;
    final TestOutputTopic<UUID, MonitorFlip> flips;
    final TestOutputTopic<UUID, MonitorStatsHourly> stats;
    final TestOutputTopic<UUID, EtlJobStatus> etlJobs;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private Instant wallClock = START;

    TopologyFixture(MonitorRules rules) {
        MonitorStreamsApp.Settings settings = new MonitorStreamsApp.Settings("unused:9092", "topology-test",
                Path.of("target", "topology-test", UUID.randomUUID().toString()), null);
        driver = new TopologyTestDriver(MonitorStatusTopology.build(rules), settings.toProperties(), START);
        runs = input(Topics.TASK_RUNS);
        this.settings = input(Topics.MONITOR_SETTINGS);
        etlProgress = input(Topics.ETL_PROGRESS);
        ticks = input(Topics.CLOCK_TICKS);
        rawRuns = raw(Topics.TASK_RUNS);
        rawSettings = raw(Topics.MONITOR_SETTINGS);
        rawEtlProgress = raw(Topics.ETL_PROGRESS);
        statuses = output(Topics.MONITOR_STATUS);
        alerts = output(Topics.ALERTS);
        flips = output(Topics.MONITOR_FLIPS);
        stats = output(Topics.MONITOR_STATS);
        etlJobs = output(Topics.ETL_JOBS);
        deadLetters = output(Topics.DEAD_LETTER);
    }

    /** A run report, stamped (as the gateway's producer would) with the current wall clock. */
    void send(TaskRunReported run) {
        runs.pipeInput(run.monitorId(), run, wallClock);
    }

    void send(MonitorSettingChanged change) {
        settings.pipeInput(change.monitorId(), change, wallClock);
    }

    void send(EtlProgress progress) {
        etlProgress.pipeInput(progress.jobRunId(), progress, wallClock);
    }

    /** A gateway's clock tick at {@code at}, stamped with that time as the gateway's producer does. */
    void tick(UUID gatewayId, Instant at) {
        ticks.pipeInput(gatewayId, new ClockTick(ClockTick.SCHEMA_VERSION, gatewayId, at), at);
    }

    /** Moves the wall clock on, which runs the wall-clock punctuations that are due. */
    void advance(Duration duration) {
        wallClock = wallClock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    Instant now() {
        return wallClock;
    }

    /** True when nothing was published on any output topic since the last reads. */
    boolean allOutputsRead() {
        return statuses.isEmpty() && alerts.isEmpty() && flips.isEmpty() && stats.isEmpty() && etlJobs.isEmpty()
                && deadLetters.isEmpty();
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private TestInputTopic<byte[], byte[]> raw(Topic<?, ?> topic) {
        return driver.createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}

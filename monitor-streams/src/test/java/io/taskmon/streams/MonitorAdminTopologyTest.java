package io.taskmon.streams;

import static io.taskmon.streams.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorFlip;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorId;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Monitors created, configured and deleted over the admin API, as settings events. */
class MonitorAdminTopologyTest {

    private static final UUID GATEWAY = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final MonitorConfig EVERY_MINUTE = new MonitorConfig(null, null, 60L, 30L, null, null, null, null);
    private static final UUID BACKUP = MonitorId.of("backup", "shell", null);

    private final TopologyFixture topology = new TopologyFixture(MonitorRules.defaults());

    @AfterEach
    void close() {
        topology.close();
    }

    private void tickEverySecond(String from, String to) {
        for (Instant at = Instant.parse(from); !at.isAfter(Instant.parse(to)); at = at.plusSeconds(1)) {
            topology.tick(GATEWAY, at);
        }
    }

    private void change(MonitorSettingChanged change) {
        topology.settings.pipeInput(change.monitorId(), change, change.changedAt());
    }

    private static MonitorSettingChanged created(MonitorConfig config, String at) {
        return MonitorSettingChanged.created(UUID.randomUUID(), "backup", "Nightly backup", "shell", null, config,
                Map.of("team", "ops"), Instant.parse(at));
    }

    private void sendAt(TaskRunReported run, String at) {
        topology.runs.pipeInput(run.monitorId(), run, Instant.parse(at));
    }

    @Test
    void shouldCreateANewMonitorAheadOfItsFirstRunAndMissItWhenNoRunStarts() {
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:00Z");
        change(created(EVERY_MINUTE, "2026-11-01T10:00:00Z"));

        MonitorStatus created = topology.statuses.readValue();
        assertThat(created).isEqualTo(MonitorStatus.created(BACKUP, "backup", "Nightly backup", "shell", null, 3,
                true, null, Map.of("team", "ops")).withSchedule(EVERY_MINUTE, Instant.parse("2026-11-01T10:01:00Z")));
        assertThat(topology.allOutputsRead()).isTrue();

        tickEverySecond("2026-11-01T10:00:01Z", "2026-11-01T10:01:40Z");

        List<Alert> alerts = topology.alerts.readValuesToList();
        assertThat(alerts).extracting(Alert::type, Alert::summary).containsExactly(tuple(AlertType.MISSED,
                "backup (shell) missed its run: none started between 2026-11-01T10:01:00Z and 2026-11-01T10:01:30Z."));
        assertThat(topology.statuses.readValuesToList())
                .extracting(MonitorStatus::health, MonitorStatus::nextExpectedAt, MonitorStatus::labels)
                .containsExactly(
                        tuple(MonitorHealth.LATE, Instant.parse("2026-11-01T10:01:00Z"), Map.of("team", "ops")),
                        tuple(MonitorHealth.MISSED, Instant.parse("2026-11-01T10:02:00Z"), Map.of("team", "ops")));
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::oldHealth, MonitorFlip::newHealth)
                .containsExactly(tuple(MonitorHealth.NEW, MonitorHealth.MISSED));
        assertThat(topology.allOutputsRead()).isTrue();

        // Its first run is judged like any other: it recovers the MISSED alert and keeps the labels.
        sendAt(run("backup", RunStatus.SUCCESS, "2026-11-01T10:01:45Z"), "2026-11-01T10:01:46Z");
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type, Alert::resolvesAlertId)
                .containsExactly(tuple(AlertType.RECOVERED, alerts.get(0).alertId()));
        MonitorStatus afterRun = topology.statuses.readValue();
        assertThat(afterRun.health()).isEqualTo(MonitorHealth.UP);
        assertThat(afterRun.totalRuns()).isEqualTo(1);
        assertThat(afterRun.taskName()).isEqualTo("Task backup");
        assertThat(afterRun.labels()).isEqualTo(Map.of("team", "ops"));
    }

    @Test
    void shouldExpectTheNextRunByTheNewConfigurationFromTheTimeItWasReplaced() {
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:00Z");
        change(created(EVERY_MINUTE, "2026-11-01T10:00:00Z"));
        topology.statuses.readValue();
        MonitorConfig quarterHourly = new MonitorConfig("*/15 * * * *", "Asia/Taipei", null, 60L, null, null, 2, null);

        change(MonitorSettingChanged.configured(UUID.randomUUID(), BACKUP, quarterHourly,
                Instant.parse("2026-11-01T10:00:20Z")));
        MonitorStatus configured = topology.statuses.readValue();
        assertThat(configured.monitorConfig()).isEqualTo(quarterHourly);
        assertThat(configured.nextExpectedAt()).isEqualTo("2026-11-01T10:15:00Z");
        assertThat(configured.alertAfterFailures()).isEqualTo(2);
        assertThat(configured.health()).isEqualTo(MonitorHealth.NEW);

        // The interval's deadline (10:01:30) is gone with it: nothing is late or missed before 10:15.
        tickEverySecond("2026-11-01T10:00:21Z", "2026-11-01T10:14:59Z");
        assertThat(topology.allOutputsRead()).isTrue();
        tickEverySecond("2026-11-01T10:15:00Z", "2026-11-01T10:16:01Z");
        assertThat(topology.alerts.readValuesToList()).extracting(Alert::type).containsExactly(AlertType.MISSED);
    }

    @Test
    void shouldForgetADeletedMonitorSoNoMissedFollowsAndALaterReportCreatesItAfresh() {
        tickEverySecond("2026-11-01T09:58:00Z", "2026-11-01T10:00:00Z");
        change(created(EVERY_MINUTE, "2026-11-01T10:00:00Z"));
        sendAt(run("backup", RunStatus.FAILED, "2026-11-01T10:00:10Z"), "2026-11-01T10:00:11Z");
        topology.statuses.readValuesToList();
        topology.flips.readValuesToList();
        topology.stats.readValuesToList();

        change(MonitorSettingChanged.deleted(UUID.randomUUID(), BACKUP, Instant.parse("2026-11-01T10:00:30Z")));
        List<TestRecord<UUID, MonitorStatus>> tombstones = topology.statuses.readRecordsToList();
        assertThat(tombstones).extracting(TestRecord::key, TestRecord::value).containsExactly(tuple(BACKUP, null));

        tickEverySecond("2026-11-01T10:00:31Z", "2026-11-01T10:05:00Z");
        assertThat(topology.allOutputsRead()).as("no MISSED for a deleted monitor").isTrue();

        sendAt(run("backup", RunStatus.SUCCESS, "2026-11-01T10:05:10Z"), "2026-11-01T10:05:11Z");
        MonitorStatus afresh = topology.statuses.readValue();
        assertThat(afresh.totalRuns()).isEqualTo(1);
        assertThat(afresh.totalFailures()).isZero();
        assertThat(afresh.monitorConfig()).isNull();
        assertThat(afresh.labels()).isNull();
        assertThat(topology.flips.readValuesToList()).extracting(MonitorFlip::oldHealth, MonitorFlip::newHealth)
                .containsExactly(tuple(MonitorHealth.NEW, MonitorHealth.UP));
        assertThat(topology.stats.readValuesToList()).extracting(s -> s.runs()).containsExactly(1L);
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldReadAVersionOneSettingAsAnEnableOrDisable() {
        sendAt(run("backup", RunStatus.SUCCESS, "2026-11-01T10:00:10Z"), "2026-11-01T10:00:11Z");
        topology.statuses.readValue();
        topology.flips.readValuesToList();
        topology.stats.readValuesToList();

        topology.rawSettings.pipeInput(bytes(BACKUP.toString()), bytes("{\"schema_version\":1,\"event_id\":\""
                + UUID.randomUUID() + "\",\"monitor_id\":\"" + BACKUP + "\",\"enabled\":false,"
                + "\"changed_at\":\"2026-11-01T10:01:00Z\"}"));

        assertThat(topology.statuses.readValue().enabled()).isFalse();
        assertThat(topology.allOutputsRead()).isTrue();
    }

    @Test
    void shouldDeadLetterSettingsThatBreakTheContractAndGoOn() {
        UUID other = UUID.randomUUID();
        String id = "\"monitor_id\":\"" + BACKUP + "\"";
        String definition = "\"task_key\":\"backup\",\"task_name\":\"Backup\",\"kind\":\"shell\"";
        List<String> values = List.of(
                "{\"schema_version\":2,\"change\":\"renamed\"," + id + "}",
                "{\"schema_version\":2,\"change\":\"created\",\"monitor_id\":\"" + BACKUP
                        + "\",\"task_key\":\"backup\",\"kind\":\"shell\"}",
                "{\"schema_version\":2,\"change\":\"created\",\"monitor_id\":\"" + other + "\"," + definition + "}",
                "{\"schema_version\":2,\"change\":\"created\"," + id + "," + definition
                        + ",\"monitor_config\":{\"cron\":\"0 2 * * *\",\"interval_seconds\":60}}",
                "{\"schema_version\":2,\"change\":\"configured\"," + id + "}",
                "{\"schema_version\":2,\"change\":\"configured\"," + id
                        + ",\"monitor_config\":{\"timezone\":\"Mars/Olympus\"}}");
        for (String value : values) {
            topology.rawSettings.pipeInput(bytes(BACKUP.toString()), bytes(value));
        }

        assertThat(topology.deadLetters.readValuesToList()).extracting(DeadLetter::sourceTopic, DeadLetter::reason)
                .containsExactly(
                        tuple(Topics.MONITOR_SETTINGS.name(), "change must be one of enabled, created, configured,"
                                + " deleted"),
                        tuple(Topics.MONITOR_SETTINGS.name(), "task_name is missing"),
                        tuple(Topics.MONITOR_SETTINGS.name(), "the key " + BACKUP + " is not the monitor_id " + other),
                        tuple(Topics.MONITOR_SETTINGS.name(), "monitor_config must have either cron or"
                                + " interval_seconds, not both"),
                        tuple(Topics.MONITOR_SETTINGS.name(), "monitor_config is missing"),
                        tuple(Topics.MONITOR_SETTINGS.name(), "monitor_config.timezone must be an IANA time zone"
                                + " such as UTC, Asia/Taipei or Europe/Berlin, got 'Mars/Olympus'"));
        assertThat(topology.allOutputsRead()).isTrue();

        // The next good record is applied as usual.
        change(created(EVERY_MINUTE, "2026-11-01T10:00:00Z"));
        assertThat(topology.statuses.readValue().health()).isEqualTo(MonitorHealth.NEW);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

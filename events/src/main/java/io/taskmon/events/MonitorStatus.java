package io.taskmon.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The latest known state of one monitor, kept by monitor-streams: the value of the compacted
 * {@link Topics#MONITOR_STATUS} topic, keyed by {@code monitor_id}.
 *
 * @param consecutiveFailures failures since the last success; a {@code running} signal
 *                            neither adds to nor breaks the streak
 * @param health              what the last finished run says: {@code UP} or {@code FAILING}
 * @param streakStartedAt     the first failure of the current streak; {@code null} when there is none
 * @param alertAfterFailures  the threshold in force: failures in a row that raise a {@code FAILING} alert
 * @param alertState          whether a {@code FAILING} alert is open for this monitor
 * @param openAlertId         the id of that open alert, which its {@code RECOVERED} alert resolves
 * @param lastAlertAt         when the last {@code FAILING} alert or reminder went out, for the repeat interval
 * @param enabled             a disabled monitor is still tracked but raises no alerts and leaves the incidents
 * @param monitorConfig       the configuration the latest report carrying one set; {@code null} when none did
 * @param nextExpectedAt      when the next run is expected to start, for a monitor with a schedule
 * @param labels              the labels given when the monitor was created over the admin API; {@code null} when none
 */
public record MonitorStatus(
        int schemaVersion,
        UUID monitorId,
        String taskKey,
        String taskName,
        String kind,
        String machineName,
        RunStatus lastStatus,
        UUID lastEventId,
        String lastRunId,
        Instant lastStartedAt,
        Instant lastFinishedAt,
        Long lastDurationMs,
        Integer lastExitCode,
        String lastMessage,
        String lastLogUrl,
        Instant lastReportedAt,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        int consecutiveFailures,
        long totalRuns,
        long totalFailures,
        MonitorHealth health,
        Instant streakStartedAt,
        int alertAfterFailures,
        AlertState alertState,
        UUID openAlertId,
        Instant lastAlertAt,
        boolean enabled,
        Long lastRecordsProcessed,
        MonitorConfig monitorConfig,
        Instant nextExpectedAt,
        Map<String, String> labels) {

    public static final int SCHEMA_VERSION = 1;

    /** The status of a monitor without labels. */
    public MonitorStatus(int schemaVersion, UUID monitorId, String taskKey, String taskName, String kind,
                         String machineName, RunStatus lastStatus, UUID lastEventId, String lastRunId,
                         Instant lastStartedAt, Instant lastFinishedAt, Long lastDurationMs, Integer lastExitCode,
                         String lastMessage, String lastLogUrl, Instant lastReportedAt, Instant lastSuccessAt,
                         Instant lastFailureAt, int consecutiveFailures, long totalRuns, long totalFailures,
                         MonitorHealth health, Instant streakStartedAt, int alertAfterFailures, AlertState alertState,
                         UUID openAlertId, Instant lastAlertAt, boolean enabled, Long lastRecordsProcessed,
                         MonitorConfig monitorConfig, Instant nextExpectedAt) {
        this(schemaVersion, monitorId, taskKey, taskName, kind, machineName, lastStatus, lastEventId, lastRunId,
                lastStartedAt, lastFinishedAt, lastDurationMs, lastExitCode, lastMessage, lastLogUrl, lastReportedAt,
                lastSuccessAt, lastFailureAt, consecutiveFailures, totalRuns, totalFailures, health, streakStartedAt,
                alertAfterFailures, alertState, openAlertId, lastAlertAt, enabled, lastRecordsProcessed, monitorConfig,
                nextExpectedAt, null);
    }

    /**
     * A monitor created over the admin API before its first run: {@code new}, no run fields, and
     * its configuration; the schedule's first expected time is set by {@link #withSchedule}.
     */
    public static MonitorStatus created(UUID monitorId, String taskKey, String taskName, String kind,
                                        String machineName, int alertAfterFailures, boolean enabled,
                                        MonitorConfig config, Map<String, String> labels) {
        return new MonitorStatus(SCHEMA_VERSION, monitorId, taskKey, taskName, kind, machineName, null, null, null,
                null, null, null, null, null, null, null, null, null, 0, 0, 0, MonitorHealth.NEW, null,
                alertAfterFailures, AlertState.NONE, null, null, enabled, null, config, null, labels);
    }

    /** The status of a monitor without a configuration. */
    public MonitorStatus(int schemaVersion, UUID monitorId, String taskKey, String taskName, String kind,
                         String machineName, RunStatus lastStatus, UUID lastEventId, String lastRunId,
                         Instant lastStartedAt, Instant lastFinishedAt, Long lastDurationMs, Integer lastExitCode,
                         String lastMessage, String lastLogUrl, Instant lastReportedAt, Instant lastSuccessAt,
                         Instant lastFailureAt, int consecutiveFailures, long totalRuns, long totalFailures,
                         MonitorHealth health, Instant streakStartedAt, int alertAfterFailures, AlertState alertState,
                         UUID openAlertId, Instant lastAlertAt, boolean enabled, Long lastRecordsProcessed) {
        this(schemaVersion, monitorId, taskKey, taskName, kind, machineName, lastStatus, lastEventId, lastRunId,
                lastStartedAt, lastFinishedAt, lastDurationMs, lastExitCode, lastMessage, lastLogUrl, lastReportedAt,
                lastSuccessAt, lastFailureAt, consecutiveFailures, totalRuns, totalFailures, health, streakStartedAt,
                alertAfterFailures, alertState, openAlertId, lastAlertAt, enabled, lastRecordsProcessed, null, null,
                null);
    }

    /** The same status with this configuration and next expected start. */
    public MonitorStatus withSchedule(MonitorConfig config, Instant expectedAt) {
        return new MonitorStatus(schemaVersion, monitorId, taskKey, taskName, kind, machineName, lastStatus,
                lastEventId, lastRunId, lastStartedAt, lastFinishedAt, lastDurationMs, lastExitCode, lastMessage,
                lastLogUrl, lastReportedAt, lastSuccessAt, lastFailureAt, consecutiveFailures, totalRuns,
                totalFailures, health, streakStartedAt, alertAfterFailures, alertState, openAlertId, lastAlertAt,
                enabled, lastRecordsProcessed, config, expectedAt, labels);
    }

    /** The same status with another health. */
    public MonitorStatus withHealth(MonitorHealth newHealth) {
        return new MonitorStatus(schemaVersion, monitorId, taskKey, taskName, kind, machineName, lastStatus,
                lastEventId, lastRunId, lastStartedAt, lastFinishedAt, lastDurationMs, lastExitCode, lastMessage,
                lastLogUrl, lastReportedAt, lastSuccessAt, lastFailureAt, consecutiveFailures, totalRuns,
                totalFailures, newHealth, streakStartedAt, alertAfterFailures, alertState, openAlertId, lastAlertAt,
                enabled, lastRecordsProcessed, monitorConfig, nextExpectedAt, labels);
    }

    /** The same status with another name, threshold and labels (the admin API's create of a known monitor). */
    public MonitorStatus withDefinition(String newTaskName, int newAlertAfterFailures, Map<String, String> newLabels) {
        return new MonitorStatus(schemaVersion, monitorId, taskKey, newTaskName, kind, machineName, lastStatus,
                lastEventId, lastRunId, lastStartedAt, lastFinishedAt, lastDurationMs, lastExitCode, lastMessage,
                lastLogUrl, lastReportedAt, lastSuccessAt, lastFailureAt, consecutiveFailures, totalRuns,
                totalFailures, health, streakStartedAt, newAlertAfterFailures, alertState, openAlertId, lastAlertAt,
                enabled, lastRecordsProcessed, monitorConfig, nextExpectedAt, newLabels);
    }
}

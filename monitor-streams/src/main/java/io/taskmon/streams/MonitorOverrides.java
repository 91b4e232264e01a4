package io.taskmon.streams;

import io.taskmon.events.MonitorConfig;

/**
 * What a monitor has been told apart from the defaults: its own threshold (from a report's
 * {@code alert_after_failures}), whether a person disabled it, and its configuration (from the
 * latest report that carried a {@code monitor_config}). Kept only for monitors that differ from
 * the defaults, and also for monitors not seen yet, so a setting made before the first run is
 * not lost.
 *
 * @param alertAfterFailures the monitor's own threshold, or {@code null} for the default
 * @param config             the monitor's configuration, or {@code null} when no report carried one
 */
record MonitorOverrides(Integer alertAfterFailures, boolean enabled, MonitorConfig config) {

    static final MonitorOverrides NONE = new MonitorOverrides(null, true, null);

    MonitorOverrides withAlertAfterFailures(Integer failures) {
        return new MonitorOverrides(failures, enabled, config);
    }

    MonitorOverrides withEnabled(boolean value) {
        return new MonitorOverrides(alertAfterFailures, value, config);
    }

    MonitorOverrides withConfig(MonitorConfig value) {
        return new MonitorOverrides(alertAfterFailures, enabled, value);
    }

    int thresholdOr(int fallback) {
        return alertAfterFailures == null ? fallback : alertAfterFailures;
    }

    /** Successes in a row that close an open alert: 1 unless the configuration says more. */
    int recoverAfterSuccesses() {
        return config == null ? 1 : config.recoverAfterSuccessesOrDefault();
    }

    boolean isDefault() {
        return equals(NONE);
    }
}

package io.taskmon.streams;

/**
 * What a monitor has been told apart from the defaults: its own threshold (from a report's
 * {@code alert_after_failures}) and whether a person disabled it. Kept only for monitors that
 * differ from the defaults, and also for monitors not seen yet, so a setting made before the
 * first run is not lost.
 *
 * @param alertAfterFailures the monitor's own threshold, or {@code null} for the default
 */
record MonitorOverrides(Integer alertAfterFailures, boolean enabled) {

    static final MonitorOverrides NONE = new MonitorOverrides(null, true);

    MonitorOverrides withAlertAfterFailures(Integer failures) {
        return new MonitorOverrides(failures, enabled);
    }

    MonitorOverrides withEnabled(boolean value) {
        return new MonitorOverrides(alertAfterFailures, value);
    }

    int thresholdOr(int fallback) {
        return alertAfterFailures == null ? fallback : alertAfterFailures;
    }

    boolean isDefault() {
        return equals(NONE);
    }
}

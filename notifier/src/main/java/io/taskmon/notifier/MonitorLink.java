package io.taskmon.notifier;

import io.taskmon.events.Alert;

/** The dashboard page an alert is about: its monitor's page, or its ETL job run's. */
final class MonitorLink {

    private MonitorLink() {
    }

    static String of(String dashboardUrl, Alert alert) {
        String base = dashboardUrl.endsWith("/") ? dashboardUrl.substring(0, dashboardUrl.length() - 1) : dashboardUrl;
        if (alert.monitorId() != null) {
            return base + "/monitors/" + alert.monitorId();
        }
        if (alert.jobRunId() != null) {
            return base + "/etl/" + alert.jobRunId();
        }
        return base + "/alerts";
    }
}

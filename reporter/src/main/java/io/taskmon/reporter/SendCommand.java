package io.taskmon.reporter;

import java.util.Map;
import java.util.UUID;

/**
 * {@code taskmon-report send ...}: one report, for a script that reports itself (the TC Portal
 * {@code report_task_status}). Exits 0 whatever becomes of the report, so that a script with
 * {@code set -e} or a BAT file checking ERRORLEVEL is never stopped by its monitoring.
 */
final class SendCommand {

    private final Map<String, String> env;
    private final Notices notices;

    SendCommand(Map<String, String> env, Notices notices) {
        this.env = env;
        this.notices = notices;
    }

    int send(Map<String, String> options) throws UsageError {
        ReporterSettings settings = ReporterSettings.resolve(env, options.get("url"), options.get("key"), notices);
        if (!settings.reportingOn()) {
            notices.say(settings.offBecause());
            return 0;
        }
        UUID eventId = options.containsKey("event-id") ? UUID.fromString(options.get("event-id").trim()) : EventIds.random();
        String machine = options.containsKey("machine")
                ? ReporterSettings.firstSet(options.get("machine"))
                : MachineName.detect(env);
        RunReport report = new RunReport(
                options.get("task-key"),
                options.get("name"),
                options.getOrDefault("kind", RunCommand.DEFAULT_KIND),
                machine,
                options.get("status"),
                eventId,
                ReporterSettings.firstSet(options.get("run-id")),
                trimmed(options.get("started-at")),
                trimmed(options.get("finished-at")),
                options.containsKey("duration-ms") ? Long.valueOf(options.get("duration-ms").trim()) : null,
                options.containsKey("exit-code") ? Integer.valueOf(options.get("exit-code").trim()) : null,
                options.get("message"),
                options.get("log-url"),
                ScheduleFlags.from(options));
        try {
            ReportDelivery delivery = new ReportDelivery(new GatewayClient(settings.endpoint(), settings.key()),
                    new Spool(settings.spoolDir()), notices);
            delivery.deliver(report, Deadline.after(Deadline.allowance(settings.budget())), true);
        } catch (RuntimeException e) {
            notices.say("reporting failed (" + e + ")");
        }
        return 0;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}

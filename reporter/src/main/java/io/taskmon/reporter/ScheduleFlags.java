package io.taskmon.reporter;

import io.taskmon.events.MonitorConfigRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schedule flags of {@code run} and {@code send}, sent as the report's {@code monitor_config}
 * object. Checked with the gateway's own rules and sentences ({@link MonitorConfigRules}, copied
 * into this jar at build time), so a wrong flag is a usage error before the command runs instead
 * of a report the gateway refuses. The one rule that needs a cron library (the expression's own
 * grammar beyond its five fields) stays with the gateway.
 */
record ScheduleFlags(String cron, String timezone, Long intervalSeconds, Long graceSeconds, Long maxRuntimeSeconds,
                     Long minRuntimeSeconds, Integer alertAfterFailures, Integer recoverAfterSuccesses) {

    /** Each flag and the {@code monitor_config} field it sets, in the order the usage lists them. */
    static final Map<String, String> FIELDS = fields();

    static final Set<String> NAMES = FIELDS.keySet();

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cron", "cron");
        fields.put("timezone", "timezone");
        fields.put("interval", "interval_seconds");
        fields.put("grace", "grace_seconds");
        fields.put("max-runtime", "max_runtime_seconds");
        fields.put("min-runtime", "min_runtime_seconds");
        fields.put("alert-after-failures", "alert_after_failures");
        fields.put("recover-after-successes", "recover_after_successes");
        return fields;
    }

    /** The flags given, or {@code null} when none was. */
    static ScheduleFlags from(Map<String, String> options) throws UsageError {
        if (!anyGiven(options)) {
            return null;
        }
        ScheduleFlags flags = new ScheduleFlags(text(options, "cron"), text(options, "timezone"),
                number(options, "interval"), number(options, "grace"), number(options, "max-runtime"),
                number(options, "min-runtime"), count(options, "alert-after-failures"),
                count(options, "recover-after-successes"));
        Optional<String> problem = MonitorConfigRules.problem(flags.cron, flags.timezone, flags.intervalSeconds,
                flags.graceSeconds, flags.maxRuntimeSeconds, flags.minRuntimeSeconds, flags.alertAfterFailures,
                flags.recoverAfterSuccesses, MonitorConfigRules::cronShapeProblem);
        if (problem.isPresent()) {
            throw new UsageError(namingFlags(problem.get()));
        }
        return flags;
    }

    /** A plain loop: a lambda's first use links at run time, which a run without these flags need not pay. */
    private static boolean anyGiven(Map<String, String> options) {
        for (String name : NAMES) {
            if (options.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    void writeTo(JsonWriter json) {
        json.field("cron", cron)
                .field("timezone", timezone)
                .field("interval_seconds", intervalSeconds)
                .field("grace_seconds", graceSeconds)
                .field("max_runtime_seconds", maxRuntimeSeconds)
                .field("min_runtime_seconds", minRuntimeSeconds)
                .field("alert_after_failures", alertAfterFailures)
                .field("recover_after_successes", recoverAfterSuccesses);
    }

    /** The gateway's sentence, with the flag put before the field it names. */
    private static String namingFlags(String sentence) {
        if (sentence.startsWith("monitor_config must have either cron or interval_seconds")) {
            return "--cron and --interval cannot go together: " + sentence;
        }
        for (Map.Entry<String, String> flag : FIELDS.entrySet()) {
            String field = "monitor_config." + flag.getValue() + " ";
            if (sentence.startsWith(field)) {
                return "--" + flag.getKey() + " (" + field.strip() + ") " + sentence.substring(field.length());
            }
        }
        return sentence;
    }

    private static String text(Map<String, String> options, String flag) throws UsageError {
        String value = options.get(flag);
        if (value != null && value.isBlank()) {
            throw new UsageError("--" + flag + " must not be empty");
        }
        return value == null ? null : value.trim();
    }

    private static Long number(Map<String, String> options, String flag) throws UsageError {
        String value = options.get(flag);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageError("--" + flag + " must be a whole number of seconds, got '" + value + "'");
        }
    }

    private static Integer count(Map<String, String> options, String flag) throws UsageError {
        String value = options.get(flag);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageError("--" + flag + " must be a whole number, got '" + value + "'");
        }
    }
}

package io.taskmon.projector;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The projector's configuration, from system properties (first) or environment variables.
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>taskmon.projector.db-password</td><td>TASKMON_PROJECTOR_DB_PASSWORD</td><td>unset: role cannot log in</td></tr>
 *   <tr><td>taskmon.reader.db-password</td><td>TASKMON_READER_DB_PASSWORD</td><td>unset: role cannot log in</td></tr>
 *   <tr><td>taskmon.retention.days</td><td>TASKMON_RETENTION_DAYS</td><td>90 (0 keeps history forever)</td></tr>
 *   <tr><td>taskmon.retention.stats-days</td><td>TASKMON_STATS_RETENTION_DAYS</td><td>400 (0: forever)</td></tr>
 *   <tr><td>taskmon.retention.interval-minutes</td><td>TASKMON_RETENTION_INTERVAL_MINUTES</td><td>60</td></tr>
 *   <tr><td>taskmon.retention.batch-size</td><td>TASKMON_RETENTION_BATCH_SIZE</td><td>5000</td></tr>
 * </table>
 *
 * @param roles     passwords of the database roles created by the migrations
 * @param retention how long history is kept
 */
public record ProjectorConfig(RolePasswords roles, RetentionSettings retention) {

    public static ProjectorConfig defaults() {
        return new ProjectorConfig(new RolePasswords(null, null), RetentionSettings.DEFAULTS);
    }

    /** Reads every setting; a bad value is an {@link IllegalArgumentException} with one sentence naming it. */
    public static ProjectorConfig from(Properties properties, Map<String, String> env) {
        Source source = new Source(properties, env);
        RolePasswords roles = new RolePasswords(
                source.text("taskmon.projector.db-password", "TASKMON_PROJECTOR_DB_PASSWORD"),
                source.text("taskmon.reader.db-password", "TASKMON_READER_DB_PASSWORD"));
        RetentionSettings defaults = RetentionSettings.DEFAULTS;
        RetentionSettings retention = new RetentionSettings(
                Duration.ofDays(source.number("taskmon.retention.days", "TASKMON_RETENTION_DAYS",
                        defaults.maxAge().toDays(), 0)),
                Duration.ofDays(source.number("taskmon.retention.stats-days", "TASKMON_STATS_RETENTION_DAYS",
                        defaults.statsMaxAge().toDays(), 0)),
                Duration.ofMinutes(source.number("taskmon.retention.interval-minutes",
                        "TASKMON_RETENTION_INTERVAL_MINUTES", defaults.interval().toMinutes(), 1)),
                (int) source.number("taskmon.retention.batch-size", "TASKMON_RETENTION_BATCH_SIZE",
                        defaults.batchSize(), 1));
        return new ProjectorConfig(roles, retention);
    }

    private record Source(Properties properties, Map<String, String> env) {

        String text(String property, String variable) {
            String value = properties.getProperty(property);
            if (value == null || value.isBlank()) {
                value = env.get(variable);
            }
            return value == null || value.isBlank() ? null : value;
        }

        long number(String property, String variable, long fallback, long min) {
            String value = text(property, variable);
            if (value == null) {
                return fallback;
            }
            String name = properties.getProperty(property) != null ? property : variable;
            try {
                long number = Long.parseLong(value.trim());
                if (number >= min && number <= Integer.MAX_VALUE) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the value given
            }
            throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", got '"
                    + value + "'");
        }
    }
}

package io.taskmon.projector;

import io.taskmon.config.Settings;
import java.time.Duration;

/**
 * What the projector's owner may set about the read model: the passwords of the database roles its
 * migrations create, and how long history is kept.
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>environment</th><th>default</th><th>formerly</th></tr>
 *   <tr><td>TASKMON_PROJECTOR_DB_PASSWORD</td><td>unset: the role cannot log in</td><td></td></tr>
 *   <tr><td>TASKMON_READER_DB_PASSWORD</td><td>unset: the role cannot log in</td><td></td></tr>
 *   <tr><td>TASKMON_HISTORY_RETENTION</td><td>90d (0 keeps history forever)</td><td>TASKMON_RETENTION_DAYS</td></tr>
 *   <tr><td>TASKMON_STATS_HISTORY_RETENTION</td><td>400d (0: forever)</td><td>TASKMON_STATS_RETENTION_DAYS</td></tr>
 *   <tr><td>TASKMON_RETENTION_INTERVAL</td><td>1h</td><td>TASKMON_RETENTION_INTERVAL_MINUTES</td></tr>
 *   <tr><td>TASKMON_RETENTION_BATCH_SIZE</td><td>5000</td><td></td></tr>
 *   <tr><td>TASKMON_PROJECTOR_WRITERS</td><td>one per core</td><td></td></tr>
 *   <tr><td>TASKMON_PROJECTOR_POLL_RECORDS</td><td>7500</td><td></td></tr>
 * </table>
 *
 * @param roles       passwords of the database roles created by the migrations
 * @param retention   how long history is kept
 * @param writers     writer lanes, each with its own database connection and transaction
 * @param pollRecords records per Kafka poll, split over the writers
 */
public record ProjectorConfig(RolePasswords roles, RetentionSettings retention, int writers, int pollRecords) {

    public static ProjectorConfig defaults() {
        return new ProjectorConfig(new RolePasswords(null, null), RetentionSettings.DEFAULTS,
                Projector.Settings.DEFAULT_WRITERS, Projector.Settings.DEFAULT_MAX_POLL_RECORDS);
    }

    /** {@code settings} with this configuration's writer lanes and poll size. */
    public Projector.Settings applyTo(Projector.Settings settings) {
        return settings.withWriters(writers, pollRecords);
    }

    /** Reads every setting; a bad value is a {@link io.taskmon.config.SettingsException} naming it. */
    public static ProjectorConfig read(Settings settings) {
        settings.renamed("TASKMON_RETENTION_DAYS", "TASKMON_HISTORY_RETENTION", days -> days + "d")
                .renamed("TASKMON_STATS_RETENTION_DAYS", "TASKMON_STATS_HISTORY_RETENTION", days -> days + "d")
                .renamed("TASKMON_RETENTION_INTERVAL_MINUTES", "TASKMON_RETENTION_INTERVAL", minutes -> minutes + "m");
        RolePasswords roles = new RolePasswords(
                settings.secret("TASKMON_PROJECTOR_DB_PASSWORD").orElse(null),
                settings.secret("TASKMON_READER_DB_PASSWORD").orElse(null));
        RetentionSettings defaults = RetentionSettings.DEFAULTS;
        RetentionSettings retention = new RetentionSettings(
                settings.durationOrZero("TASKMON_HISTORY_RETENTION", defaults.maxAge()),
                settings.durationOrZero("TASKMON_STATS_HISTORY_RETENTION", defaults.statsMaxAge()),
                settings.duration("TASKMON_RETENTION_INTERVAL", defaults.interval()),
                settings.integer("TASKMON_RETENTION_BATCH_SIZE", defaults.batchSize(), 1, 1_000_000));
        return new ProjectorConfig(roles, retention,
                settings.integer("TASKMON_PROJECTOR_WRITERS", Projector.Settings.DEFAULT_WRITERS, 1, 64),
                settings.integer("TASKMON_PROJECTOR_POLL_RECORDS", Projector.Settings.DEFAULT_MAX_POLL_RECORDS, 1,
                        100_000));
    }
}

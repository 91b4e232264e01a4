package io.taskmon.dashboard;

import io.taskmon.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the dashboard is told, with the environment variable that sets each part. Where the
 * read model is comes from the caller ({@link #withDatabase}): standalone passes its own
 * PostgreSQL.
 *
 * @param database               where the read model is, and as whom to read it
 * @param viewerKeys             TASKMON_VIEWER_KEYS: comma-separated; when set, every read needs one
 * @param adminKeys              TASKMON_ADMIN_KEYS: comma-separated; what disabling a monitor needs
 * @param ingestKeys             TASKMON_INGEST_KEYS: accepted for changes while no admin key is set
 * @param remoteWithoutViewerKey TASKMON_DASHBOARD_REMOTE_WITHOUT_KEY: serve other machines even
 *                               without viewer keys (default false: loopback only)
 * @param kafkaBootstrapServers  KAFKA_BOOTSTRAP_SERVERS: where monitor settings are published; may be null
 * @param deliveryTimeout        TASKMON_DELIVERY_TIMEOUT: how long a settings change may wait for Kafka before 503
 * @param kafkaClient            Kafka client properties passed through from TASKMON_KAFKA_*
 */
public record DashboardSettings(
        Database database,
        List<String> viewerKeys,
        List<String> adminKeys,
        List<String> ingestKeys,
        boolean remoteWithoutViewerKey,
        String kafkaBootstrapServers,
        Duration deliveryTimeout,
        Map<String, String> kafkaClient) {

    public static final int DEFAULT_POOL_SIZE = 4;
    static final int MAX_POOL_SIZE = 100;
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    /** Taskmon's own variables with the {@code TASKMON_KAFKA_} prefix: not Kafka client properties. */
    static final Set<String> RESERVED_KAFKA_NAMES = Set.of("TASKMON_KAFKA_PORT");

    public DashboardSettings {
        viewerKeys = List.copyOf(viewerKeys);
        adminKeys = List.copyOf(adminKeys);
        ingestKeys = List.copyOf(ingestKeys);
        kafkaClient = Map.copyOf(kafkaClient);
    }

    /**
     * Every setting but where the read model is, which the caller adds with {@link #withDatabase};
     * a bad value is a {@link io.taskmon.config.SettingsException} naming the variable.
     */
    public static DashboardSettings read(Settings settings) {
        return new DashboardSettings(
                new Database(null, null, null,
                        settings.integer("TASKMON_DASHBOARD_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, MAX_POOL_SIZE)),
                settings.list("TASKMON_VIEWER_KEYS", true),
                settings.list("TASKMON_ADMIN_KEYS", true),
                settings.list("TASKMON_INGEST_KEYS", true),
                settings.flag("TASKMON_DASHBOARD_REMOTE_WITHOUT_KEY", false),
                settings.optionalText("KAFKA_BOOTSTRAP_SERVERS").orElse(null),
                settings.duration("TASKMON_DELIVERY_TIMEOUT", DEFAULT_DELIVERY_TIMEOUT),
                settings.kafkaClientProperties(RESERVED_KAFKA_NAMES));
    }

    /** {@link #read}, reading the read model at {@code url} as {@code user}. */
    public static DashboardSettings read(Settings settings, String url, String user, String password) {
        return read(settings).withDatabase(url, user, password);
    }

    /** These settings reading the read model at {@code url} as {@code user}; the pool size stays. */
    public DashboardSettings withDatabase(String url, String user, String password) {
        return new DashboardSettings(new Database(url, user, password, database.poolSize()), viewerKeys, adminKeys,
                ingestKeys, remoteWithoutViewerKey, kafkaBootstrapServers, deliveryTimeout, kafkaClient);
    }

    public DashboardSettings withKafkaBootstrapServers(String servers) {
        return new DashboardSettings(database, viewerKeys, adminKeys, ingestKeys, remoteWithoutViewerKey, servers,
                deliveryTimeout, kafkaClient);
    }

    public DashboardSettings withIngestKeys(List<String> keys) {
        return new DashboardSettings(database, viewerKeys, adminKeys, keys, remoteWithoutViewerKey,
                kafkaBootstrapServers, deliveryTimeout, kafkaClient);
    }

    /**
     * @param url      a JDBC URL
     * @param user     taskmon_reader in production
     * @param password the user's password
     * @param poolSize TASKMON_DASHBOARD_DB_POOL_SIZE: connections; reads are short, a few suffice
     */
    public record Database(String url, String user, String password, int poolSize) {
    }
}

package io.taskmon.dashboard;

import java.time.Duration;
import java.util.List;

/**
 * Everything the dashboard is told, with the environment variable that sets each part.
 *
 * @param database               where the read model is, and as whom to read it
 * @param viewerKeys             TASKMON_VIEWER_KEYS: comma-separated; when set, every read needs one
 * @param adminKeys              TASKMON_ADMIN_KEYS: comma-separated; what disabling a monitor needs
 * @param ingestKeys             TASKMON_INGEST_KEYS: accepted for changes while no admin key is set
 * @param remoteWithoutViewerKey TASKMON_DASHBOARD_REMOTE_WITHOUT_KEY: serve other machines even
 *                               without viewer keys (default false: loopback only)
 * @param kafkaBootstrapServers  KAFKA_BOOTSTRAP_SERVERS: where monitor settings are published; may be null
 * @param deliveryTimeout        how long a settings change may wait for Kafka before 503
 */
public record DashboardSettings(
        Database database,
        List<String> viewerKeys,
        List<String> adminKeys,
        List<String> ingestKeys,
        boolean remoteWithoutViewerKey,
        String kafkaBootstrapServers,
        Duration deliveryTimeout) {

    /**
     * The dashboard comes up only where its database is configured: the gateway alone (a
     * gateway replica, the ingest benchmark) carries the dashboard jar but not its settings.
     */
    public static final String DATABASE_URL_PROPERTY = "taskmon.dashboard.db.url";

    /**
     * @param url      TASKMON_DASHBOARD_DB_URL (taskmon.dashboard.db.url): a JDBC URL
     * @param user     TASKMON_DASHBOARD_DB_USER: taskmon_reader in production
     * @param password TASKMON_DASHBOARD_DB_PASSWORD
     * @param poolSize TASKMON_DASHBOARD_DB_POOL_SIZE: connections; reads are short, a few suffice
     */
    public record Database(String url, String user, String password, int poolSize) {
    }
}

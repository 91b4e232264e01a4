package io.taskmon.standalone;

import io.taskmon.config.Settings;
import io.taskmon.dashboard.DashboardSettings;
import io.taskmon.notifier.NotifierSettings;
import io.taskmon.gateway.GatewaySettings;
import io.taskmon.projector.ProjectorConfig;
import io.taskmon.streams.MonitorRules;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code ./taskmon up} can be told, read from the environment with defaults.
 *
 * @param home             TASKMON_HOME: where Kafka, PostgreSQL and the stream state keep their data
 * @param httpHost         TASKMON_HTTP_HOST: the interface the HTTP server binds
 * @param httpPort         TASKMON_HTTP_PORT: 0 picks a free port
 * @param httpThreads      TASKMON_HTTP_THREADS: the HTTP server's event loops, one per core by default
 * @param streamThreads    TASKMON_STREAM_THREADS: monitor-streams' processing threads, one per core by default
 * @param partitions       TASKMON_PARTITIONS: partitions of each topic taskmon creates (existing topics keep theirs)
 * @param ingestKeys       TASKMON_INGEST_KEYS: comma-separated; null means generate one under home
 * @param kafkaPort        TASKMON_EMBEDDED_KAFKA_PORT: the embedded broker's port, 0 picks a free one
 * @param postgresPort     TASKMON_EMBEDDED_PG_PORT: the embedded PostgreSQL's port, 0 picks a free one
 * @param kafkaBootstrap   KAFKA_BOOTSTRAP_SERVERS: use this broker instead of the embedded one
 * @param postgresUrl      PG_URL: use this database instead of the embedded one
 * @param postgresUser     PG_USER, for PG_URL
 * @param postgresPassword PG_PASSWORD, for PG_URL
 * @param rules            monitor-streams' rules (TASKMON_ALERT_AFTER_FAILURES and friends)
 * @param projector        the read model's role passwords and retention
 * @param gateway          the ingest gateway's settings; the runtime adds the broker's address and the ingest key
 * @param dashboard        the dashboard's settings; the runtime adds the database, the broker and the ingest key
 * @param notifier         the notifier's settings (TASKMON_SMTP_*, TASKMON_NOTIFY_*)
 * @param kafkaClient      Kafka client properties passed through from TASKMON_KAFKA_*, applied to every client
 */
public record StandaloneSettings(
        Path home,
        String httpHost,
        int httpPort,
        int httpThreads,
        int streamThreads,
        int partitions,
        String ingestKeys,
        int kafkaPort,
        int postgresPort,
        String kafkaBootstrap,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        MonitorRules rules,
        ProjectorConfig projector,
        GatewaySettings gateway,
        DashboardSettings dashboard,
        NotifierSettings notifier,
        Map<String, String> kafkaClient) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    /**
     * Four partitions split evenly over one, two or four stream threads (or instances). With
     * three, two threads on two cores got two partitions and one: no faster than one thread
     * (about 34,000 events/s), where four partitions over two threads caught up at about 44,000.
     */
    public static final int DEFAULT_PARTITIONS = 4;
    static final int MAX_THREADS = 1024;
    static final int MAX_PARTITIONS = 1000;

    /** Taskmon's own variables with the {@code TASKMON_KAFKA_} prefix: not Kafka client properties. */
    static final Set<String> RESERVED_KAFKA_NAMES = Set.of("TASKMON_KAFKA_PORT");

    /**
     * Every setting of {@code ./taskmon up}, read through the one settings reader; a bad value is a
     * {@link io.taskmon.config.SettingsException} naming the variable.
     */
    public static StandaloneSettings read(Settings settings) {
        settings.renamed("TASKMON_KAFKA_PORT", "TASKMON_EMBEDDED_KAFKA_PORT")
                .renamed("TASKMON_PG_PORT", "TASKMON_EMBEDDED_PG_PORT");
        return new StandaloneSettings(
                Path.of(settings.text("TASKMON_HOME", ".taskmon")).toAbsolutePath().normalize(),
                settings.text("TASKMON_HTTP_HOST", "0.0.0.0"),
                settings.port("TASKMON_HTTP_PORT", DEFAULT_HTTP_PORT),
                settings.integer("TASKMON_HTTP_THREADS", defaultHttpThreads(), 1, MAX_THREADS),
                settings.integer("TASKMON_STREAM_THREADS", defaultStreamThreads(), 1, MAX_THREADS),
                settings.integer("TASKMON_PARTITIONS", DEFAULT_PARTITIONS, 1, MAX_PARTITIONS),
                settings.secret("TASKMON_INGEST_KEYS").orElse(null),
                settings.port("TASKMON_EMBEDDED_KAFKA_PORT", 0),
                settings.port("TASKMON_EMBEDDED_PG_PORT", 0),
                settings.optionalText("KAFKA_BOOTSTRAP_SERVERS").orElse(null),
                settings.optionalText("PG_URL").orElse(null),
                settings.text("PG_USER", "postgres"),
                settings.secret("PG_PASSWORD", "postgres"),
                MonitorRules.read(settings),
                ProjectorConfig.read(settings),
                GatewaySettings.read(settings, null),
                DashboardSettings.read(settings),
                NotifierSettings.read(settings),
                settings.kafkaClientProperties(RESERVED_KAFKA_NAMES));
    }

    /** {@link #read} over a plain map of variables, warnings dropped: for tests and tools. */
    public static StandaloneSettings fromEnvironment(Map<String, String> env) {
        return read(new Settings(env, warning -> { }));
    }

    /**
     * One event loop per core. The HTTP handlers never block, so more loops than cores only add
     * switching between them: Netty's default of two per core measured about a tenth fewer
     * reports a second on two cores.
     */
    public static int defaultHttpThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * One stream thread per core: each processes its partitions' runs on its own, so catching up
     * after an outage uses every core (with four partitions, two threads caught up about 30%
     * faster than one on two cores).
     */
    public static int defaultStreamThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}

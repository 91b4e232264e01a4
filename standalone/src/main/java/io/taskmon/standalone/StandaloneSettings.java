package io.taskmon.standalone;

import java.nio.file.Path;
import java.util.Map;

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
 * @param kafkaPort        TASKMON_KAFKA_PORT: the embedded broker's port, 0 picks a free one
 * @param postgresPort     TASKMON_PG_PORT: the embedded PostgreSQL's port, 0 picks a free one
 * @param kafkaBootstrap   KAFKA_BOOTSTRAP_SERVERS: use this broker instead of the embedded one
 * @param postgresUrl      PG_URL: use this database instead of the embedded one
 * @param postgresUser     PG_USER, for PG_URL
 * @param postgresPassword PG_PASSWORD, for PG_URL
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
        String postgresPassword) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    /**
     * Four partitions split evenly over one, two or four stream threads (or instances). With
     * three, two threads on two cores got two partitions and one: no faster than one thread
     * (about 34,000 events/s), where four partitions over two threads caught up at about 44,000.
     */
    public static final int DEFAULT_PARTITIONS = 4;
    static final int MAX_THREADS = 1024;
    static final int MAX_PARTITIONS = 1000;

    public static StandaloneSettings fromEnvironment(Map<String, String> env) {
        return new StandaloneSettings(
                Path.of(text(env, "TASKMON_HOME", ".taskmon")).toAbsolutePath().normalize(),
                text(env, "TASKMON_HTTP_HOST", "0.0.0.0"),
                port(env, "TASKMON_HTTP_PORT", DEFAULT_HTTP_PORT),
                count(env, "TASKMON_HTTP_THREADS", defaultHttpThreads(), MAX_THREADS),
                count(env, "TASKMON_STREAM_THREADS", defaultStreamThreads(), MAX_THREADS),
                count(env, "TASKMON_PARTITIONS", DEFAULT_PARTITIONS, MAX_PARTITIONS),
                text(env, "TASKMON_INGEST_KEYS", null),
                port(env, "TASKMON_KAFKA_PORT", 0),
                port(env, "TASKMON_PG_PORT", 0),
                text(env, "KAFKA_BOOTSTRAP_SERVERS", null),
                text(env, "PG_URL", null),
                text(env, "PG_USER", "postgres"),
                text(env, "PG_PASSWORD", "postgres"));
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

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value the user gave
        }
        throw new ConfigurationError(name + " must be a port number from 0 to 65535, got '" + value + "'");
    }

    private static int count(Map<String, String> env, String name, int fallback, int max) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below with the value the user gave
        }
        throw new ConfigurationError(name + " must be a whole number from 1 to " + max + ", got '" + value + "'");
    }
}

package io.taskmon.embedded;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.events.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker and one PostgreSQL per JVM, started on first use and stopped at exit,
 * shared by every test in the JVM. {@code KAFKA_BOOTSTRAP_SERVERS} and {@code PG_URL} (with
 * optional {@code PG_USER}, {@code PG_PASSWORD}) point at external servers instead.
 *
 * <p>Embedded state goes under the folder named by the system property
 * {@code taskmon.embedded.dir} (the build sets it to {@code target/embedded}), fresh per JVM.
 */
public final class SharedInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInfrastructure.class);

    /** Partitions of each taskmon topic in tests: more than one, so keying mistakes show. */
    public static final int TEST_PARTITIONS = 3;

    private static String bootstrapServers;
    private static PostgresEndpoint postgres;

    private SharedInfrastructure() {
    }

    /** The shared broker's address, with every taskmon topic created. */
    public static synchronized String kafkaBootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external.trim();
                LOG.info("Using external Kafka at {}", bootstrapServers);
            } else {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(stateDir("kafka"));
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
                bootstrapServers = broker.bootstrapServers();
            }
            TopicProvisioner.ensureTopics(bootstrapServers, Topics.ALL, TEST_PARTITIONS);
        }
        return bootstrapServers;
    }

    /** The shared database. */
    public static synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            String external = System.getenv("PG_URL");
            if (external != null && !external.isBlank()) {
                postgres = PostgresEndpoint.parse(external,
                        envOr("PG_USER", "postgres"), envOr("PG_PASSWORD", "postgres"));
                LOG.info("Using external PostgreSQL at {}", postgres.jdbcUrl());
            } else {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(stateDir("postgres"), 0,
                        EmbeddedPostgresServer.Durability.THROWAWAY);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
                postgres = server.endpoint();
            }
        }
        return postgres;
    }

    /**
     * A new, empty database on the shared server, so each test class starts from a clean
     * read model without another server.
     */
    public static PostgresEndpoint freshDatabase(String prefix) {
        PostgresEndpoint server = postgres();
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return server.withDatabase(name);
    }

    private static Path stateDir(String name) {
        String base = System.getProperty("taskmon.embedded.dir", "target/embedded");
        return Path.of(base, name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package io.taskmon.projector;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.embedded.EmbeddedPostgresServer;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import io.taskmon.readmodel.ReadModelJdbi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops under a running projector (a PostgreSQL of this test's own, so the shared one
 * stays up for the other tests): it logs the outage, retries with backoff, skips nothing, and
 * catches up once the database is back.
 */
class PostgresOutageTest {

    @Test
    void shouldWaitWhilePostgresIsDownAndCatchUpWithoutSkippingAnything() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        Path dir = Path.of("target", "outage-postgres-" + UUID.randomUUID()).toAbsolutePath();
        String prefix = "pg-outage-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
        PostgresEndpoint endpoint = server.endpoint();
        int port = port(endpoint.jdbcUrl());
        try (HikariDataSource dataSource = dataSource(endpoint); ProjectorLog log = new ProjectorLog();
             Publisher publisher = new Publisher(bootstrap)) {
            ReadModelMigrations.migrate(dataSource);
            Jdbi jdbi = ReadModelJdbi.create(dataSource);
            publisher.sendAll(Topics.TASK_RUNS, runs(prefix, 0, 40));
            try (Projector projector = new Projector(new Projector.Settings(bootstrap, "pg-outage-" + UUID.randomUUID(),
                    null), jdbi)) {
                projector.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(jdbi, prefix) == 40);

                server.close();
                publisher.sendAll(Topics.TASK_RUNS, runs(prefix, 40, 60));
                // Down long enough for the backoff to show: 250 ms, then 500 ms.
                await().atMost(Duration.ofSeconds(60)).until(() -> log.contains("retrying in 500 ms"));
                assertThat(log.messages()).anyMatch(m -> m.startsWith("WARN") && m.contains("cannot write to the database")
                        && m.contains("retrying in 250 ms"));
                assertThat(projector.isRunning()).isFalse();

                server = EmbeddedPostgresServer.start(dir, port);
                await().atMost(Duration.ofSeconds(90)).until(() -> stored(jdbi, prefix) == 100);
                await().atMost(Duration.ofSeconds(10)).until(projector::isRunning);
                assertThat(log.contains("reaches the database again")).isTrue();
                assertThat(count(jdbi, "select count(distinct event_id) from taskmon.task_runs where task_key like '"
                        + prefix + "%'")).isEqualTo(100);
            }
        } finally {
            server.close();
        }
    }

    private static List<Map.Entry<UUID, TaskRunReported>> runs(String prefix, int from, int count) {
        List<Map.Entry<UUID, TaskRunReported>> runs = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            TaskRunReported run = Events.run(prefix + (i % 5), null, i % 4 == 0 ? RunStatus.FAILED : RunStatus.SUCCESS,
                    "2026-11-04T02:%02d:00Z".formatted(i % 60));
            runs.add(Map.entry(run.monitorId(), run));
        }
        return runs;
    }

    /** Short connection timeouts, so that retries during the outage come every few seconds. */
    private static HikariDataSource dataSource(PostgresEndpoint endpoint) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(endpoint.user());
        config.setPassword(endpoint.password());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(2_000);
        return new HikariDataSource(config);
    }

    private static int port(String jdbcUrl) {
        Matcher matcher = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
        if (!matcher.find()) {
            throw new IllegalStateException("no port in " + jdbcUrl);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static long stored(Jdbi jdbi, String prefix) {
        return count(jdbi, "select count(*) from taskmon.task_runs where task_key like '" + prefix + "%'");
    }

    private static long count(Jdbi jdbi, String sql) {
        try {
            return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
        } catch (RuntimeException e) {
            return -1; // the database is away
        }
    }
}

package io.taskmon.standalone;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.config.RuntimeEndpoints;
import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.projector.Projector;
import io.taskmon.projector.ProjectorConfig;
import io.taskmon.projector.ProjectorLag;
import io.taskmon.projector.ReadModelMigrations;
import io.taskmon.projector.ReadModelRebuild;
import io.taskmon.readmodel.ReadModelJdbi;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code ./taskmon projector rebuild}: empties the read model and replays the topics from the
 * earliest offsets, then waits until every record published so far is projected again. It works
 * on the taskmon running on TASKMON_HOME, or on KAFKA_BOOTSTRAP_SERVERS and PG_URL.
 *
 * <p>It runs a projector of its own in the taskmon consumer group for the replay, so it also
 * finishes when no other projector runs; a running taskmon's projector shares the partitions
 * with it meanwhile, and goes on alone once the command exits.
 */
public final class ProjectorCommand {

    private static final long PROGRESS_EVERY_MS = 5_000;

    private ProjectorCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || !"rebuild".equals(args[0])) {
            System.err.println("taskmon: usage: ./taskmon projector rebuild   (empties the read model and replays the topics)");
            System.exit(TaskmonStandalone.EXIT_BAD_CONFIGURATION);
            return;
        }
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.read(Settings.fromEnvironment());
        } catch (SettingsException e) {
            System.err.println("taskmon: " + e.getMessage());
            System.exit(TaskmonStandalone.EXIT_BAD_CONFIGURATION);
            return;
        }
        Path home = settings.home();
        Optional<RuntimeEndpoints> endpoints = RuntimeEndpoints.readFrom(home).or(() -> fromSettings(settings));
        if (endpoints.isEmpty()) {
            System.err.println("taskmon: no taskmon is running with TASKMON_HOME=" + home
                    + "; start it with ./taskmon up, or set KAFKA_BOOTSTRAP_SERVERS and PG_URL");
            System.exit(TaskmonStandalone.EXIT_BAD_CONFIGURATION);
            return;
        }
        try {
            rebuild(endpoints.get(), settings);
        } catch (RuntimeException e) {
            System.err.println("taskmon: rebuild failed: " + e.getMessage());
            System.exit(TaskmonStandalone.EXIT_START_FAILED);
        }
        System.exit(0);
    }

    private static Optional<RuntimeEndpoints> fromSettings(StandaloneSettings settings) {
        if (settings.kafkaBootstrap() == null || settings.postgresUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(new RuntimeEndpoints(settings.kafkaBootstrap(), PostgresEndpoint.parse(
                settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword())));
    }

    private static void rebuild(RuntimeEndpoints endpoints, StandaloneSettings settings) throws InterruptedException {
        ProjectorConfig config = settings.projector();
        String bootstrap = endpoints.kafkaBootstrapServers();
        long began = System.nanoTime();
        try (HikariDataSource dataSource = ConnectionPools.open(endpoints.postgres(), "taskmon-rebuild", 4)) {
            ReadModelMigrations.migrate(dataSource, config.roles());
            Jdbi jdbi = ReadModelJdbi.create(dataSource);
            new ReadModelRebuild(jdbi).reset();
            System.out.println("taskmon: emptied the read model; replaying the topics from " + bootstrap);
            String group = Projector.Settings.DEFAULT_CONSUMER_GROUP;
            try (ProjectorLag lag = new ProjectorLag(bootstrap, jdbi, group);
                 Projector projector = new Projector(config.applyTo(new Projector.Settings(bootstrap, group, null))
                         .withKafkaClient(settings.kafkaClient()), jdbi)) {
                projector.start();
                long lastProgress = System.nanoTime();
                for (long behind = lag.records(); behind > 0; behind = lag.records()) {
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY_MS * 1_000_000) {
                        System.out.printf("taskmon: %,d records still to replay%n", behind);
                        lastProgress = System.nanoTime();
                    }
                    Thread.sleep(500);
                }
            }
            long runs = jdbi.withHandle(h -> h.createQuery("select count(*) from taskmon.task_runs").mapTo(Long.class).one());
            long monitors = jdbi.withHandle(h -> h.createQuery("select count(*) from taskmon.task_monitors")
                    .mapTo(Long.class).one());
            System.out.printf("taskmon: read model rebuilt in %.1f s: %,d monitors, %,d runs%n",
                    (System.nanoTime() - began) / 1e9, monitors, runs);
        }
    }
}

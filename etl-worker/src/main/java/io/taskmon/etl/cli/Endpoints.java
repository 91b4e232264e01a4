package io.taskmon.etl.cli;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.config.RuntimeEndpoints;
import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the job's PostgreSQL and Kafka are: flags first, then {@code PG_URL} / {@code PG_USER} /
 * {@code PG_PASSWORD} and {@code KAFKA_BOOTSTRAP_SERVERS} read through the one settings reader, then
 * the endpoints a running {@code ./taskmon up} wrote into {@code TASKMON_HOME} (default {@code ./.taskmon}).
 *
 * @param postgres null when none is configured
 * @param kafka    null when none is configured
 */
public record Endpoints(PostgresEndpoint postgres, String kafka) {

    /**
     * @param home where a running {@code ./taskmon up} keeps its endpoints file
     * @throws SettingsException when {@code PG_URL} from the environment is not a database URL
     */
    public static Endpoints resolve(LoadOptions.ConnectionFlags flags, Settings settings, Path home) {
        Optional<RuntimeEndpoints> running;
        try {
            running = RuntimeEndpoints.readFrom(home);
        } catch (RuntimeException e) {
            throw new UsageException("cannot read the endpoints of the running taskmon in " + home + ": " + e.getMessage());
        }
        PostgresEndpoint postgres = null;
        Optional<String> urlFlag = nonBlank(flags.pgUrl());
        Optional<String> url = urlFlag.or(() -> settings.optionalText("PG_URL"));
        if (url.isPresent()) {
            String user = nonBlank(flags.pgUser()).or(() -> settings.optionalText("PG_USER")).orElse("postgres");
            String password = Optional.ofNullable(flags.pgPassword()).or(() -> settings.secret("PG_PASSWORD")).orElse("");
            try {
                postgres = PostgresEndpoint.parse(url.get(), user, password);
            } catch (IllegalArgumentException e) {
                String sentence = "PG_URL / --pg-url: " + e.getMessage();
                throw urlFlag.isPresent() ? new UsageException(sentence) : new SettingsException(sentence);
            }
        } else if (running.isPresent()) {
            postgres = running.get().postgres();
        }
        String kafka = nonBlank(flags.kafka()).or(() -> settings.optionalText("KAFKA_BOOTSTRAP_SERVERS"))
                .or(() -> running.map(RuntimeEndpoints::kafkaBootstrapServers))
                .orElse(null);
        return new Endpoints(postgres, kafka);
    }

    public PostgresEndpoint requirePostgres() {
        if (postgres == null) {
            throw new UsageException("no PostgreSQL configured: set PG_URL (or --pg-url), or start ./taskmon up first");
        }
        return postgres;
    }

    public String requireKafka() {
        if (kafka == null) {
            throw new UsageException("no Kafka configured for progress events: set KAFKA_BOOTSTRAP_SERVERS (or --kafka),"
                    + " start ./taskmon up first, or pass --no-events");
        }
        return kafka;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}

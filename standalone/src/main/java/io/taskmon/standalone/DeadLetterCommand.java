package io.taskmon.standalone;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.config.RuntimeEndpoints;
import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import io.taskmon.readmodel.DeadLetterDao;
import io.taskmon.readmodel.DeadLetterRow;
import io.taskmon.readmodel.DeadLetterWaiting;
import io.taskmon.readmodel.ReadModelJdbi;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./taskmon dead-letters list | replay}: shows the dead letters the projector keeps in
 * the read model and replays them once their cause is fixed ({@link DeadLetterReplay}). It works
 * on the taskmon running on TASKMON_HOME, or on KAFKA_BOOTSTRAP_SERVERS and PG_URL, which win.
 * Anything wrong ends with one sentence and exit code 2, never a stack trace.
 */
public final class DeadLetterCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_REFUSED = 2;
    /** Long enough for a broker or database that is up; short enough that one that is not is said soon. */
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);
    private static final int REASON_WIDTH = 80;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    DeadLetterCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DeadLetterCommand(System.getenv(), System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        DeadLetterCommandLine commandLine = new DeadLetterCommandLine();
        DeadLetterCommandLine.Request request;
        try {
            request = commandLine.parse(args);
        } catch (CommandRefused e) {
            err.println("taskmon dead-letters: " + e.getMessage());
            return EXIT_REFUSED;
        }
        if (request instanceof DeadLetterCommandLine.Help help) {
            out.print(help.usage());
            return EXIT_OK;
        }
        try {
            StandaloneSettings settings = StandaloneSettings.read(
                    new Settings(env, warning -> err.println("taskmon dead-letters: warning: " + warning)));
            Optional<RuntimeEndpoints> running = RuntimeEndpoints.readFrom(settings.home());
            Jdbi jdbi = readModel(postgres(settings, running));
            if (request instanceof DeadLetterCommandLine.ListLetters list) {
                list(jdbi, list);
            } else {
                replay(jdbi, (DeadLetterCommandLine.Replay) request, settings, running);
            }
            return EXIT_OK;
        } catch (CommandRefused | SettingsException e) {
            err.println("taskmon dead-letters: " + e.getMessage());
            return EXIT_REFUSED;
        } catch (RuntimeException e) {
            err.println("taskmon dead-letters: failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private void list(Jdbi jdbi, DeadLetterCommandLine.ListLetters request) {
        DeadLetterDao dao = jdbi.onDemand(DeadLetterDao.class);
        DeadLetterWaiting waiting = dao.waiting();
        List<DeadLetterRow> rows = request.waitingOnly()
                ? dao.waitingNewestFirst(request.limit(), 0) : dao.newestFirst(request.limit(), 0);
        out.println(waiting.waiting() == 0 ? "No dead letter waits for replay."
                : String.format("%,d dead letter%s wait%s for replay; the newest failed at %s.", waiting.waiting(),
                        waiting.waiting() == 1 ? "" : "s", waiting.waiting() == 1 ? "s" : "", waiting.latestAt()));
        if (rows.isEmpty()) {
            return;
        }
        String format = "%-8s %-24s %-16s %-36s %-24s %s%n";
        out.printf(format, "ID", "FAILED AT", "CONSUMER", "SOURCE", "REPLAYED AT", "REASON");
        for (DeadLetterRow row : rows) {
            out.printf(format, row.id(), row.failedAt(), row.consumer(), row.source(),
                    row.isWaiting() ? "waiting" : row.replayedAt(), oneLine(row.reason()));
        }
    }

    private void replay(Jdbi jdbi, DeadLetterCommandLine.Replay request, StandaloneSettings settings,
                        Optional<RuntimeEndpoints> running) {
        DeadLetterReplay replay = new DeadLetterReplay(jdbi, Clock.systemUTC());
        List<DeadLetterRow> rows = replay.select(request);
        if (rows.isEmpty()) {
            out.println(request.again() ? "There is no dead letter to replay." : "No dead letter waits for replay.");
            return;
        }
        if (request.dryRun()) {
            for (DeadLetterRow row : rows) {
                out.println("would replay dead letter " + row.id() + " (" + row.consumer() + " refused " + row.source()
                        + ": " + oneLine(row.reason()) + ") to " + row.sourceTopic());
            }
            out.printf("dry run: %,d dead letter%s would be replayed; nothing was published or changed%n", rows.size(),
                    rows.size() == 1 ? "" : "s");
            return;
        }
        String bootstrap = kafka(settings, running);
        requireReachable(bootstrap, settings.kafkaClient());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap,
                settings.kafkaClient()), new ByteArraySerializer(), new ByteArraySerializer())) {
            DeadLetterReplay.Outcome outcome = replay.replay(rows, producer, out::println);
            out.printf("replayed %,d dead letter%s; a record that is still bad becomes a new dead letter%n",
                    outcome.replayed(), outcome.replayed() == 1 ? "" : "s");
            if (outcome.markedByOthers() > 0) {
                out.printf("%,d of them were marked replayed by another replay meanwhile%n", outcome.markedByOthers());
            }
        }
    }

    private static PostgresEndpoint postgres(StandaloneSettings settings, Optional<RuntimeEndpoints> running) {
        if (settings.postgresUrl() != null) {
            try {
                return PostgresEndpoint.parse(settings.postgresUrl(), settings.postgresUser(),
                        settings.postgresPassword());
            } catch (IllegalArgumentException e) {
                throw new CommandRefused("PG_URL: " + e.getMessage());
            }
        }
        return running.map(RuntimeEndpoints::postgres).orElseThrow(() -> new CommandRefused(
                "no taskmon is running with TASKMON_HOME=" + settings.home()
                        + "; start it with ./taskmon up, or set PG_URL (and KAFKA_BOOTSTRAP_SERVERS to replay)"));
    }

    private static String kafka(StandaloneSettings settings, Optional<RuntimeEndpoints> running) {
        if (settings.kafkaBootstrap() != null) {
            return settings.kafkaBootstrap();
        }
        return running.map(RuntimeEndpoints::kafkaBootstrapServers).orElseThrow(() -> new CommandRefused(
                "no Kafka to replay to: start ./taskmon up, or set KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** One connection at a time is all a command needs; it is checked once here so an outage is one sentence. */
    private static Jdbi readModel(PostgresEndpoint endpoint) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(endpoint.jdbcUrl());
        dataSource.setUser(endpoint.user());
        dataSource.setPassword(endpoint.password());
        dataSource.setConnectTimeout((int) REACH_TIMEOUT.toSeconds());
        dataSource.setLoginTimeout((int) REACH_TIMEOUT.toSeconds());
        try (Connection connection = dataSource.getConnection();
             var tables = connection.getMetaData().getTables(null, "taskmon", "dead_letters", null)) {
            if (!tables.next()) {
                throw new CommandRefused("the read model at " + endpoint.jdbcUrl()
                        + " has no dead_letters table yet; start ./taskmon up once to bring it up to date");
            }
        } catch (SQLException e) {
            throw new CommandRefused("cannot reach PostgreSQL at " + endpoint.jdbcUrl() + ": " + e.getMessage());
        }
        return ReadModelJdbi.create(dataSource);
    }

    private static void requireReachable(String bootstrap, Map<String, String> kafkaClient) {
        Map<String, Object> props = new HashMap<>(kafkaClient);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandRefused("cannot reach Kafka at " + bootstrap + " within " + REACH_TIMEOUT.toSeconds()
                    + " s; nothing was replayed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandRefused("interrupted while reaching Kafka; nothing was replayed");
        } catch (RuntimeException e) {
            throw new CommandRefused("cannot reach Kafka at " + bootstrap + ": " + e.getMessage());
        }
    }

    /** Idempotent and acknowledged by every replica: a replayed record is in Kafka once, or the command says not. */
    private static Map<String, Object> producerProperties(String bootstrap, Map<String, String> kafkaClient) {
        Map<String, Object> props = new HashMap<>(kafkaClient);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis() * 3);
        return props;
    }

    private static String oneLine(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= REASON_WIDTH ? flat : flat.substring(0, REASON_WIDTH - 1) + "…";
    }
}

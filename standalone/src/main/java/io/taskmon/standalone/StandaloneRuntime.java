package io.taskmon.standalone;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.config.RuntimeEndpoints;
import io.taskmon.dashboard.DashboardSettings;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.EmbeddedPostgresServer;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.AccessKeys;
import io.taskmon.events.Topics;
import io.taskmon.gateway.ComponentCheck;
import io.taskmon.gateway.GatewaySettings;
import io.taskmon.notifier.ChannelSenders;
import io.taskmon.notifier.ChannelTester;
import io.taskmon.notifier.Notifier;
import io.taskmon.notifier.NotifierConfigView;
import io.taskmon.notifier.admin.AdminAccess;
import io.taskmon.notifier.admin.NotifierAdmin;
import io.taskmon.notifier.admin.NotifierConfigPublisher;
import io.taskmon.projector.Projector;
import io.taskmon.projector.ProjectorConfig;
import io.taskmon.projector.ReadModelMigrations;
import io.taskmon.projector.RunHistoryRetention;
import io.taskmon.readmodel.ReadModelJdbi;
import io.taskmon.streams.MonitorStreamsApp;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every taskmon service in one process: broker, database, gateway, monitor-streams, projector
 * and notifier, started in dependency order and stopped in reverse.
 */
public final class StandaloneRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneRuntime.class);
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final StandaloneSettings settings;
    private String ingestKeyLocation;
    private String jdbcUrl;
    private List<ComponentCheck> checks;
    private EmbeddedServer http;

    private StandaloneRuntime(StandaloneSettings settings) {
        this.settings = settings;
    }

    /** Starts everything; on a failure, stops what had started and rethrows. */
    public static StandaloneRuntime start(StandaloneSettings settings, IngestKeyNotice notice) {
        StandaloneRuntime runtime = new StandaloneRuntime(settings);
        try {
            runtime.startAll(notice);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** Told once the ingest key is known, so a generated key can be shown to the user. */
    @FunctionalInterface
    public interface IngestKeyNotice {
        void generated(String key, Path storedIn);
    }

    private void startAll(IngestKeyNotice notice) {
        running.push(HomeLock.acquire(settings.home()));
        ProjectorConfig projectorConfig = settings.projector();
        List<String> keys = ingestKeys(notice);

        String bootstrap = settings.kafkaBootstrap();
        if (bootstrap == null) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings.home().resolve("kafka"), settings.kafkaPort());
            running.push(broker);
            bootstrap = broker.bootstrapServers();
        }
        TopicProvisioner.ensureTopics(bootstrap, settings.kafkaClient(), Topics.ALL, settings.partitions());

        PostgresEndpoint postgres;
        if (settings.postgresUrl() == null) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                    settings.home().resolve("postgres"), settings.postgresPort());
            running.push(server);
            postgres = server.endpoint();
        } else {
            postgres = PostgresEndpoint.parse(settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword());
        }
        jdbcUrl = postgres.jdbcUrl();
        HikariDataSource dataSource = ConnectionPools.open(postgres, "taskmon-projector", 4);
        running.push(dataSource);
        ReadModelMigrations.migrate(dataSource, projectorConfig.roles());

        String instanceId = instanceId();
        MonitorStreamsApp streams = new MonitorStreamsApp(new MonitorStreamsApp.Settings(
                bootstrap, MonitorStreamsApp.Settings.DEFAULT_APPLICATION_ID, settings.home().resolve("streams"),
                instanceId).withRules(settings.rules()).withStreamThreads(settings.streamThreads())
                .withKafkaClient(settings.kafkaClient()));
        running.push(streams);
        streams.start();

        Projector projector = new Projector(
                projectorConfig.applyTo(new Projector.Settings(bootstrap, Projector.Settings.DEFAULT_CONSUMER_GROUP,
                        instanceId)).withKafkaClient(settings.kafkaClient()),
                ReadModelJdbi.create(dataSource));
        running.push(projector);
        projector.start();

        RunHistoryRetention retention = new RunHistoryRetention(ReadModelJdbi.create(dataSource),
                projectorConfig.retention(), Clock.systemUTC());
        running.push(retention);
        retention.start();

        Notifier notifier = new Notifier(settings.notifier().withBootstrapServers(bootstrap), instanceId);
        running.push(notifier);
        notifier.start();

        checks = List.of(
                new NamedCheck("database", () -> isReachable(dataSource)),
                new NamedCheck("streams", streams::isRunning, streams::progress),
                new NamedCheck("projector", projector::isRunning),
                new NamedCheck("notifier", notifier::isRunning));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.host", settings.httpHost());
        // Micronaut picks a free port for -1; 0 is our documented way to ask for one.
        properties.put("micronaut.server.port", settings.httpPort() == 0 ? -1 : settings.httpPort());
        properties.put("micronaut.server.netty.worker.threads", settings.httpThreads());
        GatewaySettings gateway = settings.gateway().withBootstrapServers(bootstrap).withIngestKeys(keys);
        // The dashboard reads through its own pool whose connections are read-only; it shares the
        // server's port, so users have one URL.
        DashboardSettings dashboard = settings.dashboard()
                .withDatabase(postgres.jdbcUrl(), postgres.user(), postgres.password())
                .withKafkaBootstrapServers(bootstrap)
                .withIngestKeys(keys);
        List<Object> beans = new ArrayList<>(checks);
        beans.add(new ReadModelDeadLetters(ReadModelJdbi.create(dataSource)));
        beans.add(gateway);
        beans.add(dashboard);
        // Channels and routes are managed on the same port, with the admin key rule of monitor changes.
        NotifierAdmin notifierAdmin = new NotifierAdmin(
                new NotifierConfigView(bootstrap, settings.kafkaClient()),
                new NotifierConfigPublisher(bootstrap, dashboard.deliveryTimeout(), settings.kafkaClient()),
                new AdminAccess(new AccessKeys(dashboard.adminKeys()), new AccessKeys(keys)),
                dashboard.deliveryTimeout(), Clock.systemUTC(),
                new ChannelTester(ChannelSenders.of(settings.notifier(), Clock.systemUTC()), Clock.systemUTC()));
        running.push(notifierAdmin);
        beans.add(notifierAdmin);
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .singletons(beans.toArray())
                .start();
        running.push(context);
        http = context.getBean(EmbeddedServer.class);
        http.start();
        running.push(http);

        new RuntimeEndpoints(bootstrap, postgres).writeTo(settings.home());
        running.push(() -> RuntimeEndpoints.removeFrom(settings.home()));
    }

    /**
     * The static group member name of this process: stable across restarts, so a restart after
     * a crash resumes at once; distinct per host, so two hosts sharing a broker never fence
     * each other.
     */
    private static String instanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return "taskmon-standalone-" + host;
    }

    private List<String> ingestKeys(IngestKeyNotice notice) {
        if (!settings.gateway().ingestKeys().isEmpty()) {
            ingestKeyLocation = "TASKMON_INGEST_KEYS";
            return settings.gateway().ingestKeys();
        }
        IngestKeyFile file = new IngestKeyFile(settings.home());
        IngestKeyFile.Key key = file.readOrCreate();
        ingestKeyLocation = file.path().toString();
        if (key.created()) {
            notice.generated(key.value(), file.path());
        }
        return List.of(key.value());
    }

    private static boolean isReachable(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Waits until every component reports up; false if one is still down at the deadline. */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        return awaitHealthy(timeout, Duration.ofDays(1), down -> { });
    }

    /**
     * As {@link #awaitHealthy(Duration)}, telling {@code waiting} every {@code interval} which
     * parts are still down and why, so a long restore is visible rather than silent.
     */
    public boolean awaitHealthy(Duration timeout, Duration interval, Consumer<List<String>> waiting)
            throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        long nextNotice = begin + interval.toNanos();
        while (System.nanoTime() < deadline) {
            if (downComponents().isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= nextNotice) {
                waiting.accept(downComponentsWithReasons());
                nextNotice += interval.toNanos();
            }
            Thread.sleep(100);
        }
        return downComponents().isEmpty();
    }

    public List<String> downComponents() {
        return checks.stream().filter(c -> !c.isUp()).map(ComponentCheck::name).toList();
    }

    /** Each part still down and, where it says, why: "streams (restoring 41% of 3.2M records)". */
    public List<String> downComponentsWithReasons() {
        return checks.stream().filter(c -> !c.isUp())
                .map(c -> c.whyDown() == null ? c.name() : c.name() + " (" + c.whyDown() + ")").toList();
    }

    /** The URL users and reporters reach; a wildcard bind is shown as localhost. */
    public URI baseUrl() {
        String host = settings.httpHost();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "localhost";
        }
        return URI.create("http://" + host + ":" + http.getPort());
    }

    public String ingestKeyLocation() {
        return ingestKeyLocation;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

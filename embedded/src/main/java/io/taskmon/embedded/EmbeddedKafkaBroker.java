package io.taskmon.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in this JVM,
 * listening on loopback. Its log folder survives a restart: an already formatted folder is
 * reused with its data.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path dataDir;
    private final int brokerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
    }

    /** Formats {@code dataDir} if it is new, then starts the broker on a free loopback port. */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** As {@link #start(Path)}, on a chosen client port (0 picks a free one). */
    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, brokerPort == 0 ? FreePorts.next() : brokerPort);
        broker.startServer();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    private void startServer() {
        long begin = System.nanoTime();
        Path logDir = dataDir.resolve("log");
        Properties props = serverProperties(logDir, FreePorts.next());
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(props);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data folder " + logDir, e);
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        LOG.info("Embedded Kafka broker on {} (data in {}) started in {} ms",
                bootstrapServers(), dataDir, (System.nanoTime() - begin) / 1_000_000);
    }

    private Properties serverProperties(Path logDir, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic has one replica, and fewer partitions start faster.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("num.partitions", "3");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a crash the restarted broker waits until the controller has timed out its
        // previous registration; broker and controller share this JVM, so heartbeats cannot be
        // lost on the way and a short session is safe.
        p.setProperty("broker.heartbeat.interval.ms", "500");
        p.setProperty("broker.session.timeout.ms", "3000");
        // Topics are provisioned with their policies; a typo must not create a new one.
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private void format(Properties props) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(out, "embedded taskmon broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] {
            "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()
        }, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (" + code + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
        }
    }
}

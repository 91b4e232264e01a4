package io.taskmon.reporter;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.Settings;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.gateway.GatewaySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The real ingest gateway, in this JVM, on the shared test broker, on a port that stays the
 * same across a stop and a start, so a reporter can find it again after an outage.
 */
final class TestGateway implements AutoCloseable {

    static final String KEY = "reporter-test-key";

    private final int port;
    private final Map<String, String> extraSettings;
    private EmbeddedServer server;

    private TestGateway(int port, Map<String, String> extraSettings) {
        this.port = port;
        this.extraSettings = extraSettings;
    }

    static TestGateway started() {
        return started(Map.of());
    }

    static TestGateway started(Map<String, String> extraSettings) {
        TestGateway gateway = new TestGateway(freePort(), extraSettings);
        gateway.start();
        return gateway;
    }

    void start() {
        Map<String, String> variables = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.kafkaBootstrapServers(),
                "TASKMON_INGEST_KEYS", KEY));
        variables.putAll(extraSettings);
        server = ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.server.port", port,
                        "micronaut.server.host", "127.0.0.1"))
                .singletons(GatewaySettings.read(new Settings(variables, warning -> { })))
                .run(EmbeddedServer.class);
    }

    void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

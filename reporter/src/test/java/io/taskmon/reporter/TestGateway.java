package io.taskmon.reporter;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The real ingest gateway, in this JVM, on the shared test broker, on a port that stays the
 * same across a stop and a start, so a reporter can find it again after an outage.
 */
final class TestGateway implements AutoCloseable {

    static final String KEY = "reporter-test-key";

    private final int port;
    private final Map<String, Object> extraSettings;
    private EmbeddedServer server;

    private TestGateway(int port, Map<String, Object> extraSettings) {
        this.port = port;
        this.extraSettings = extraSettings;
    }

    static TestGateway started() {
        return started(Map.of());
    }

    static TestGateway started(Map<String, Object> extraSettings) {
        TestGateway gateway = new TestGateway(freePort(), extraSettings);
        gateway.start();
        return gateway;
    }

    void start() {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "micronaut.server.port", port,
                "micronaut.server.host", "127.0.0.1",
                "taskmon.kafka.bootstrap-servers", SharedInfrastructure.kafkaBootstrapServers(),
                "taskmon.ingest.keys", KEY));
        settings.putAll(extraSettings);
        server = ApplicationContext.run(EmbeddedServer.class, settings);
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

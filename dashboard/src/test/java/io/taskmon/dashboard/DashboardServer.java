package io.taskmon.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The dashboard alone on a free port, reading the seeded database, as a test starts it. */
final class DashboardServer implements AutoCloseable {

    final EmbeddedServer server;
    final ApiClient client;

    /**
     * @param extra Micronaut's own {@code micronaut.*} properties, and environment-style variables
     *              (TASKMON_VIEWER_KEYS, KAFKA_BOOTSTRAP_SERVERS, ...) read by {@link DashboardSettings#read}
     */
    DashboardServer(ReadModelSeed seed, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        Map<String, String> variables = new HashMap<>();
        extra.forEach((name, value) -> {
            if (name.startsWith("micronaut.")) {
                properties.put(name, value);
            } else {
                variables.put(name, String.valueOf(value));
            }
        });
        DashboardSettings settings = DashboardSettings.read(new Settings(variables, warning -> { }),
                seed.endpoint.jdbcUrl(), seed.endpoint.user(), seed.endpoint.password());
        server = ApplicationContext.builder()
                .properties(properties)
                .singletons(settings)
                .run(EmbeddedServer.class);
        client = new ApiClient(server.getURI());
    }

    URI uri(String path) {
        return server.getURI().resolve(path);
    }

    @Override
    public void close() {
        server.close();
    }
}

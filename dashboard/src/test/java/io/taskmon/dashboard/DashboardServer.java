package io.taskmon.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The dashboard alone on a free port, reading the seeded database, as a test starts it. */
final class DashboardServer implements AutoCloseable {

    final EmbeddedServer server;
    final ApiClient client;

    DashboardServer(ReadModelSeed seed, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("taskmon.dashboard.db.url", seed.endpoint.jdbcUrl());
        properties.put("taskmon.dashboard.db.user", seed.endpoint.user());
        properties.put("taskmon.dashboard.db.password", seed.endpoint.password());
        properties.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, properties);
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

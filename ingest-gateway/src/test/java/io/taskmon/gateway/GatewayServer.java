package io.taskmon.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.config.Settings;
import java.util.Map;

/** Starts the gateway on a free port from environment-style variables, as a deployment would set them. */
final class GatewayServer {

    private GatewayServer() {
    }

    /** {@code variables} such as KAFKA_BOOTSTRAP_SERVERS and TASKMON_INGEST_KEYS, read by {@link GatewaySettings#read}. */
    static EmbeddedServer start(Map<String, String> variables) {
        GatewaySettings settings = GatewaySettings.read(new Settings(variables, warning -> { }));
        return ApplicationContext.builder()
                .properties(Map.of("micronaut.server.port", -1))
                .singletons(settings)
                .run(EmbeddedServer.class);
    }
}

package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no broker to take the report, the answer is 503 with Retry-After, never 200 or 500. */
class BrokerUnavailableTest {

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaCannotTakeTheReport() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "taskmon.kafka.bootstrap-servers", "127.0.0.1:" + deadPort,
                "taskmon.ingest.delivery-timeout", "2s",
                "taskmon.ingest.keys", "k1"))) {
            GatewayClient client = new GatewayClient(server.getURI());

            GatewayClient.Answer answer = client.report(
                    "{\"task_key\":\"k\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}", "k1");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("5");
            assertThat(answer.error()).isEqualTo("Kafka is unavailable, so the report was not accepted; retry later");

            GatewayClient.Answer health = client.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().get("components").get("broker").asText()).isEqualTo("DOWN");
        }
    }
}

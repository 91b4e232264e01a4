package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * With no broker to take the report, the answer is 503 with Retry-After, never 200 or 500, and
 * nothing is half-accepted; when the broker comes back the gateway works again by itself.
 */
class BrokerUnavailableTest {

    private static final String REPORT = "{\"task_key\":\"%s\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}";

    @Test
    void shouldAnswer503WhileTheBrokerIsStoppedAndRecoverByItselfWhenItReturns() throws IOException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "gateway-broker");
        int port = freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port);
        try {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), Topics.ALL, 1);
            try (EmbeddedServer server = GatewayServer.start(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "TASKMON_DELIVERY_TIMEOUT", "2s",
                    "TASKMON_INGEST_KEYS", "k1"))) {
                GatewayClient client = new GatewayClient(server.getURI());
                assertThat(client.report(REPORT.formatted("before_stop"), "k1").status()).isEqualTo(200);

                broker.close();
                GatewayClient.Answer single = client.report(REPORT.formatted("while_stopped"), "k1");
                assertThat(single.status()).isEqualTo(503);
                assertThat(single.raw().headers().firstValue("Retry-After")).hasValue("5");
                assertThat(single.error()).isEqualTo("Kafka is unavailable, so the report was not accepted; retry later");
                GatewayClient.Answer batch = client.batch("application/json",
                        "[" + REPORT.formatted("while_stopped_batch") + ",{}]", "k1");
                assertThat(batch.status()).isEqualTo(503);
                assertThat(batch.raw().headers().firstValue("Retry-After")).hasValue("5");
                assertThat(batch.body().get("accepted").asInt()).isZero();
                assertThat(batch.body().get("results").get(0).get("status").asInt()).isEqualTo(503);
                assertThat(batch.body().get("results").get(0).get("error").asText())
                        .isEqualTo("Kafka is unavailable, so the report was not accepted; retry later");
                assertThat(batch.body().get("results").get(1).get("status").asInt()).isEqualTo(400);

                broker = EmbeddedKafkaBroker.start(dir, port);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(client.report(REPORT.formatted("after_restart"), "k1").status()).isEqualTo(200));
                assertThat(client.batch("application/json", "[" + REPORT.formatted("after_restart_batch") + "]", "k1")
                        .status()).isEqualTo(200);
            }
            // Nothing refused was written: the topic holds the accepted reports and only those.
            assertThat(taskKeysIn(broker.bootstrapServers())).contains("before_stop", "after_restart", "after_restart_batch")
                    .doesNotContain("while_stopped", "while_stopped_batch");
        } finally {
            broker.close();
        }
    }

    /** The broker comes back on the same port, as a restarted broker would. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> taskKeysIn(String bootstrap) {
        try (KafkaConsumer<UUID, TaskRunReported> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "broker-unavailable-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.TASK_RUNS.keySerde().deserializer(), Topics.TASK_RUNS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.TASK_RUNS.name()));
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> keys.add(r.value().taskKey()));
                return keys.contains("after_restart_batch");
            });
            // Whatever arrives after the last accepted report would show here too.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> keys.add(r.value().taskKey()));
            return keys;
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaCannotTakeTheReport() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (EmbeddedServer server = GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + deadPort,
                "TASKMON_DELIVERY_TIMEOUT", "2s",
                "TASKMON_INGEST_KEYS", "k1"))) {
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

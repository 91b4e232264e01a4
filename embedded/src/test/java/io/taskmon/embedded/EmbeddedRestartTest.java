package io.taskmon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.events.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The standalone mode keeps its data across restarts; so must both embedded servers. */
class EmbeddedRestartTest {

    @Test
    void brokerKeepsItsRecordsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-restart");
        String value = "kept-" + UUID.randomUUID();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), Topics.ALL, 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.TASK_RUNS.name(), "k", value)).get();
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TASK_RUNS.name()));
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.value());
                }
            }
            assertThat(seen).containsExactly(value);
        }
    }

    @Test
    void postgresKeepsItsRowsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-restart");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
             HikariDataSource dataSource = ConnectionPools.open(server.endpoint(), "restart-1", 1);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (name text)");
            statement.execute("insert into kept values ('日本語 survives')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
             HikariDataSource dataSource = ConnectionPools.open(server.endpoint(), "restart-2", 1)) {
            assertThat(SharedInfrastructureTest.queryString(dataSource, "select string_agg(name, ',') from kept"))
                    .isEqualTo("日本語 survives");
        }
    }

    @Test
    void postgresFlushesEveryCommitUnlessStartedForThrowawayData() throws Exception {
        Path durableDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-durable");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(durableDir);
             HikariDataSource dataSource = ConnectionPools.open(server.endpoint(), "durable", 1)) {
            assertThat(settings(dataSource)).isEqualTo("fsync=on synchronous_commit=on full_page_writes=on");
        }
        Path throwawayDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-throwaway");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(throwawayDir, 0,
                EmbeddedPostgresServer.Durability.THROWAWAY);
             HikariDataSource dataSource = ConnectionPools.open(server.endpoint(), "throwaway", 1)) {
            assertThat(settings(dataSource)).isEqualTo("fsync=off synchronous_commit=off full_page_writes=on");
        }
    }

    private static String settings(HikariDataSource dataSource) throws Exception {
        return SharedInfrastructureTest.queryString(dataSource, "select 'fsync=' || current_setting('fsync')"
                + " || ' synchronous_commit=' || current_setting('synchronous_commit')"
                + " || ' full_page_writes=' || current_setting('full_page_writes')");
    }

    @Test
    void postgresStartsOverAServerLeftRunningByAKilledProcess() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-orphan");
        Process holder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                PostgresHolder.class.getName(), dir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("holding")) {
                // skip the child's log lines until it holds the server
            }
            assertThat(line).as("child JVM output ended before it held the server").isEqualTo("holding");
        }
        // A real kill: the JVM gets no chance to stop its PostgreSQL.
        holder.destroyForcibly().waitFor();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
             HikariDataSource dataSource = ConnectionPools.open(server.endpoint(), "after-orphan", 1)) {
            assertThat(SharedInfrastructureTest.queryString(dataSource, "select string_agg(name, ',') from kept"))
                    .isEqualTo("before the crash");
        }
    }
}

package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.DeadLetter;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The projector keeps every dead letter once in {@code dead_letters}, on the real broker and database. */
class DeadLetterProjectionTest {

    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("dead_letter_test");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldStoreEachDeadLetterOnceAcrossARestartAndSkipADeadLetterItCannotRead() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        // A source topic of this test's own, so dead letters other tests publish do not count.
        String source = "test.dead-letters-" + UUID.randomUUID();
        Projector.Settings settings = new Projector.Settings(bootstrap, "dead-letter-test-" + UUID.randomUUID(), null);
        byte[] key = "monitor-key".getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int offset = 0; offset < 5; offset++) {
                publish(producer, key, Events.deadLetter(source, 1, offset, "not JSON", "{broken " + offset));
            }
            // The same refusal handed over twice, as a consumer does after a crash before its commit.
            publish(producer, key, Events.deadLetter(source, 1, 0, "not JSON", "{broken 0"));
            RecordMetadata unreadable = producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), 0, key,
                    "this is no dead letter".getBytes(StandardCharsets.UTF_8))).get();
            publish(producer, key, Events.deadLetter(source, 1, 5, "NUL\u0000inside", "raw\u0000value"));

            try (Projector projector = new Projector(settings, db.jdbi)) {
                projector.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(source) == 6);
                await().atMost(Duration.ofSeconds(30)).until(() -> storedOffset(0) > unreadable.offset());
                assertThat(projector.isRunning()).isTrue();
            }

            for (int offset = 6; offset < 9; offset++) {
                publish(producer, key, Events.deadLetter(source, 1, offset, "not JSON", "{broken " + offset));
            }
            publish(producer, key, Events.deadLetter(source, 1, 2, "not JSON", "{broken 2"));
        }
        try (Projector projector = new Projector(settings, db.jdbi)) {
            projector.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(source) == 9);
        }

        assertThat(db.rows("select source_offset from taskmon.dead_letters where source_topic = '" + source
                + "' order by source_offset")).extracting(row -> row.get(0))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(db.rows("""
                select source_partition, consumer, reason, raw_value, raw_value_base64,
                       convert_from(source_key, 'UTF8'), schema_version, failed_at, replayed_at
                  from taskmon.dead_letters where source_topic = '%s' and source_offset = 3""".formatted(source)))
                .containsExactly(List.of("1", "monitor-streams", "not JSON", "{broken 3",
                        java.util.Base64.getEncoder().encodeToString("{broken 3".getBytes(StandardCharsets.UTF_8)),
                        "monitor-key", "1", "2026-11-07T03:00:00Z", "null"));
        assertThat(db.rows("select reason, raw_value from taskmon.dead_letters where source_topic = '" + source
                + "' and source_offset = 5")).containsExactly(List.of("NUL\uFFFDinside", "raw\uFFFDvalue"));
    }

    private static long stored(String source) {
        return db.count("select count(*) from taskmon.dead_letters where source_topic = '" + source + "'");
    }

    private static long storedOffset(int partition) {
        return db.count("select coalesce(max(next_offset), -1) from taskmon.projector_offsets where topic = '"
                + Topics.DEAD_LETTER.name() + "' and partition = " + partition);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Partition 0 of the dead-letter topic, so the unreadable record sits among them. */
    private static void publish(KafkaProducer<byte[], byte[]> producer, byte[] key, DeadLetter letter) throws Exception {
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), 0, key,
                Topics.DEAD_LETTER.valueSerde().serializer().serialize(Topics.DEAD_LETTER.name(), letter))).get();
    }
}

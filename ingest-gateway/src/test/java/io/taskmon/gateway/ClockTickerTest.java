package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.ClockTick;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** The gateway's clock reaches every partition of the tick topic, with no report sent. */
class ClockTickerTest {

    @Test
    void shouldTickEveryPartitionAboutOnceASecondWithoutAnyReport() {
        Instant started = Instant.now();
        List<ConsumerRecord<UUID, ClockTick>> ticks = new ArrayList<>();
        try (EmbeddedServer server = PublishedRuns.startGateway("tick-key");
             KafkaConsumer<UUID, ClockTick> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "clock-ticker-test-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     Topics.CLOCK_TICKS.keySerde().deserializer(), Topics.CLOCK_TICKS.valueSerde().deserializer())) {
            UUID gatewayId = server.getApplicationContext().getBean(ClockTicker.class).gatewayId();
            int partitions = consumer.partitionsFor(Topics.CLOCK_TICKS.name()).size();
            consumer.subscribe(List.of(Topics.CLOCK_TICKS.name()));

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(gatewayId)) {
                        ticks.add(r);
                    }
                });
                return ticks.stream().filter(r -> r.value().at().isAfter(started.plusSeconds(2)))
                        .map(ConsumerRecord::partition).distinct().count() == partitions;
            });

            Set<Integer> reached = ticks.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
            assertThat(reached).hasSize(partitions);
            assertThat(ticks).allSatisfy(r -> {
                assertThat(r.value().gatewayId()).isEqualTo(gatewayId);
                assertThat(r.timestamp()).isEqualTo(r.value().at().toEpochMilli());
            });
            // Once a second per partition: three seconds give at least two ticks on each.
            assertThat(ticks.stream().filter(r -> r.partition() == 0).count()).isGreaterThanOrEqualTo(2);
        }
    }
}

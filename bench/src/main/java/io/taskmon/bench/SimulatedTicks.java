package io.taskmon.bench;

import io.taskmon.events.ClockTick;
import io.taskmon.events.Topics;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Clock ticks as the gateway's ticker writes them (one per partition of the ticks topic, keyed
 * by the gateway id, the record time being the tick's), but at times the benchmark chooses, so
 * that hours of schedule pass in seconds. monitor-streams cannot tell them from a gateway's.
 */
final class SimulatedTicks {

    private final UUID gatewayId = UUID.randomUUID();
    private final int partitions;
    private final Serializer<UUID> keys = Topics.CLOCK_TICKS.keySerde().serializer();
    private final Serializer<ClockTick> values = Topics.CLOCK_TICKS.valueSerde().serializer();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private long written;

    SimulatedTicks(int partitions) {
        this.partitions = partitions;
    }

    /** One tick at {@code at} to every partition. */
    void tick(KafkaProducer<byte[], byte[]> producer, Instant at) {
        byte[] key = keys.serialize(Topics.CLOCK_TICKS.name(), gatewayId);
        byte[] value = values.serialize(Topics.CLOCK_TICKS.name(), new ClockTick(ClockTick.SCHEMA_VERSION, gatewayId, at));
        for (int partition = 0; partition < partitions; partition++) {
            producer.send(new ProducerRecord<>(Topics.CLOCK_TICKS.name(), partition, at.toEpochMilli(), key, value),
                    (metadata, error) -> {
                        if (error != null) {
                            sendFailure.compareAndSet(null, error);
                        }
                    });
        }
        written += partitions;
    }

    long written() {
        return written;
    }

    /** A lost tick would stop the clock short of a deadline and make a count wrong. */
    void checkNothingLost() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a clock tick could not be sent: " + failure.getMessage(), failure);
        }
    }
}

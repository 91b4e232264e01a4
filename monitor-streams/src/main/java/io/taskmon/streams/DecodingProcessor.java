package io.taskmon.streams;

import io.taskmon.events.DeadLetter;
import io.taskmon.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The entry of an input topic: reads each raw record and hands it on, or sends it to the dead
 * letter topic with the reason. Inputs are consumed as bytes so that a poison record is one more
 * record of the same exactly-once transaction, not a deserialization error that can only be
 * logged and skipped.
 */
final class DecodingProcessor<V> implements Processor<byte[], byte[], Object, Object> {

    /** Named in each dead letter, so people know which consumer refused the record. */
    static final String CONSUMER = "monitor-streams";

    private final Topic<UUID, ?> topic;
    private final InputDecoders.Decoder<V> decoder;
    private final String next;
    private final String deadLetters;
    private ProcessorContext<Object, Object> context;

    DecodingProcessor(Topic<UUID, ?> topic, InputDecoders.Decoder<V> decoder, String next, String deadLetters) {
        this.topic = topic;
        this.decoder = decoder;
        this.next = next;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        V value;
        UUID key;
        try {
            key = InputDecoders.key(topic, record.key());
            value = decoder.decode(key, record.value());
        } catch (InvalidRecord e) {
            context.forward(record.withValue(deadLetter(record, e.getMessage())), deadLetters);
            return;
        }
        context.forward(record.withKey(key).withValue(value), next);
    }

    private DeadLetter deadLetter(Record<byte[], byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        byte[] raw = record.value();
        return new DeadLetter(DeadLetter.SCHEMA_VERSION,
                source == null ? topic.name() : source.topic(),
                source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(),
                CONSUMER, reason,
                raw == null ? null : new String(raw, StandardCharsets.UTF_8),
                raw == null ? null : Base64.getEncoder().encodeToString(raw),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}

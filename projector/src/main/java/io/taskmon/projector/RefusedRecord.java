package io.taskmon.projector;

import io.taskmon.events.DeadLetter;
import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record the projector could not read or the database refused, and why: it goes to the dead-letter topic. */
record RefusedRecord(ConsumerRecord<byte[], byte[]> record, String reason) {

    static final String CONSUMER = "projector";

    /** A dead letter itself: refusing it again would only make another dead letter. */
    boolean isDeadLetter() {
        return Topics.DEAD_LETTER.name().equals(record.topic());
    }

    DeadLetter toDeadLetter(Instant now) {
        byte[] value = record.value();
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, record.topic(), record.partition(), record.offset(),
                CONSUMER, reason,
                value == null ? null : new String(value, StandardCharsets.UTF_8),
                value == null ? null : Base64.getEncoder().encodeToString(value),
                now);
    }

    @Override
    public String toString() {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason;
    }
}

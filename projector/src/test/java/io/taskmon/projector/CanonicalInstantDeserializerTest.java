package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The fast path reads exactly what Jackson's own instant deserializer reads, and leaves it everything else. */
class CanonicalInstantDeserializerTest {

    @Test
    void shouldReadRandomCanonicalInstantsAsInstantParseDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(CanonicalInstantDeserializer.parseCanonical(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void shouldReadEveryFractionLengthAndLeapDay() {
        assertThat(CanonicalInstantDeserializer.parseCanonical("2024-02-29T23:59:59.1Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.100Z"));
        assertThat(CanonicalInstantDeserializer.parseCanonical("2000-02-29T00:00:00.123456789Z"))
                .isEqualTo(Instant.parse("2000-02-29T00:00:00.123456789Z"));
        assertThat(CanonicalInstantDeserializer.parseCanonical("0000-01-01T00:00:00Z"))
                .isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
    }

    @Test
    void shouldLeaveEveryOtherFormAndEveryInvalidValueToJackson() {
        for (String text : List.of("2026-11-01T00:00:00+01:00", "2026-11-01T00:00:00z", "2026-11-01t00:00:00Z",
                "2026-11-01T00:00Z", "2026-11-01T00:00:00.Z", "2026-11-01T00:00:00.1234567890Z",
                "+300000-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-11-01T24:00:00Z", "2026-11-01T23:60:00Z", "2026-11-01T23:59:60Z",
                "2026-11-00T00:00:00Z", "2026-1a-01T00:00:00Z", "2026-11-01 00:00:00Z", "20261101T000000Z")) {
            assertThat(CanonicalInstantDeserializer.parseCanonical(text)).as(text).isNull();
        }
    }

    @Test
    void shouldReadOtherFormsAndRefuseBadValuesWithTheSameSentencesAsTheTopicSerde() {
        EventReader<io.taskmon.events.TaskRunReported> reader = new EventReader<>(Topics.TASK_RUNS,
                io.taskmon.events.TaskRunReported.class);
        String event = new String(Topics.TASK_RUNS.valueSerde().serializer().serialize("",
                Events.run("instant-forms", null, io.taskmon.events.RunStatus.SUCCESS, "2026-11-02T14:00:00Z")),
                StandardCharsets.UTF_8);
        for (String form : List.of("2026-11-02T15:00:00+01:00", "2026-11-02t14:00:00z", "+300000-01-01T00:00:00Z",
                "2026-02-30T00:00:00Z", "not a time", "")) {
            byte[] bytes = event.replaceFirst("\"finished_at\":\"[^\"]+\"", "\"finished_at\":\"" + form + "\"")
                    .getBytes(StandardCharsets.UTF_8);
            Object viaSerde;
            try {
                viaSerde = Topics.TASK_RUNS.valueSerde().deserializer().deserialize(Topics.TASK_RUNS.name(), bytes);
            } catch (SerializationException e) {
                assertThatThrownBy(() -> reader.read(bytes)).as(form).isInstanceOf(SerializationException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(reader.read(bytes)).as(form).isEqualTo(viaSerde);
        }
    }
}

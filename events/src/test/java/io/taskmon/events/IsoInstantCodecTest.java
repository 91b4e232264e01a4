package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast instant text is exactly what the standard Jackson handling reads and writes. */
class IsoInstantCodecTest {

    private static final ObjectMapper STANDARD = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper EVENTS = EventJson.mapper();

    @Test
    void shouldWriteWhatIsoInstantWritesForEveryPrecisionAndRange() throws Exception {
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-03-01T02:00:00Z"),
                Instant.parse("2026-03-01T02:00:00.250Z"), Instant.parse("2026-03-01T02:00:00.000250Z"),
                Instant.parse("2026-03-01T02:00:00.000000250Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z"), Instant.MIN,
                Instant.MAX));
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        for (Instant instant : instants) {
            assertThat(IsoInstantCodec.format(instant)).as("%s", instant)
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
            assertThat(EVENTS.writeValueAsString(instant)).isEqualTo(STANDARD.writeValueAsString(instant));
            assertThat(EVENTS.readValue(EVENTS.writeValueAsString(instant), Instant.class)).isEqualTo(instant);
        }
    }

    @Test
    void shouldReadTextAsTheStandardHandlingDoesOrRefuseWhatItRefuses() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(List.of("2026-03-01T02:00:00Z", "2026-03-01T02:00:00.5Z",
                "2026-03-01T02:00:00.123456789Z", " 2026-03-01T02:00:00Z ", "2026-02-29T00:00:00Z",
                "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-03-01T24:00:00Z",
                "2026-03-01T23:60:00Z", "2026-03-01T23:59:60Z", "2026-03-01T02:00:00.Z",
                "2026-03-01T02:00:00.1234567891Z", "2026-03-01T02:00:00z", "2026-03-01t02:00:00Z",
                "2026-03-01T02:00:00+09:00", "2026-03-01T02:00:00", "2026-3-01T02:00:00Z", "+12026-03-01T02:00:00Z",
                "2026-03-01T02:00:0xZ", "２０２６-03-01T02:00:00Z", "", "   ", "yesterday"));
        String alphabet = "0123456789-T:.Zz+ x";
        for (int i = 0; i < 20_000; i++) {
            char[] text = "2026-03-01T02:00:00.250Z".toCharArray();
            for (int j = random.nextInt(3); j >= 0; j--) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            texts.add(new String(text));
        }
        for (String text : texts) {
            String json = '"' + text + '"';
            Object standard = outcome(STANDARD, json);
            Object events = outcome(EVENTS, json);
            assertThat(events).as("reading %s", json).isEqualTo(standard);
        }
    }

    @Test
    void shouldTakeTheFastPathOnlyForThePlainUtcShape() {
        assertThat(IsoInstantCodec.parseFast("2026-03-01T02:00:00.5Z")).isEqualTo(Instant.parse("2026-03-01T02:00:00.5Z"));
        assertThat(IsoInstantCodec.parseFast("2026-03-01T02:00:00Z")).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
        assertThat(IsoInstantCodec.parseFast("2026-02-29T00:00:00Z")).isNull();
        assertThat(IsoInstantCodec.parseFast("2026-03-01T02:00:00+09:00")).isNull();
        assertThat(IsoInstantCodec.parseFast("2026-03-01T23:59:60Z")).isNull();
    }

    @Test
    void shouldStillReadNumbersAsTheStandardHandlingDoes() throws Exception {
        assertThat(EVENTS.readValue("1772330400", Instant.class)).isEqualTo(STANDARD.readValue("1772330400", Instant.class));
        assertThat(EVENTS.readValue("1772330400.25", Instant.class))
                .isEqualTo(STANDARD.readValue("1772330400.25", Instant.class));
        assertThatThrownBy(() -> EVENTS.readValue("true", Instant.class)).isInstanceOf(Exception.class);
    }

    /** The instant read, or the kind of error: both handlings must agree on which. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return "refused: " + e.getClass().getSimpleName();
        }
    }
}

package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report timestamps: any ISO-8601 date-time, no offset meaning UTC, read exactly as java.time reads them. */
class IsoInstantReportParseTest {

    /** What java.time says, the reference the quick path must agree with. */
    private static Instant reference(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    @Test
    void readsTheCommonShapesDirectlyAndAgreesWithJavaTime() {
        for (String text : List.of("2026-01-22T09:00:00Z", "2026-01-22T18:05:30+09:00", "2026-01-22T09:00:00",
                "2026-01-22T09:00:00.5Z", "2026-01-22T09:00:00.123456+00:00", "2026-01-22T18:05:30.1234567+09:00",
                "2026-01-22T09:00:00.123456789-05:30", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00+18:00")) {
            assertThat(IsoInstantCodec.quickParse(text)).as(text).isNotNull().isEqualTo(reference(text));
            assertThat(IsoInstantCodec.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void leavesEveryOtherShapeToJavaTime() {
        for (String text : List.of("2026-01-22T09:00Z", "2026-01-22t09:00:00z", "+12026-01-22T09:00:00Z",
                "2026-01-22T09:00:00+09:00:30", "2026-01-22T09:00:00.Z")) {
            assertThat(IsoInstantCodec.quickParse(text)).as(text).isNull();
            assertThat(IsoInstantCodec.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void refusesWhatJavaTimeRefuses() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-01-22T24:00:00Z", "2026-01-22T09:60:00Z", "2026-01-22T09:00:60Z", "2026-01-22T09:00:00+19:00",
                "2026-01-22T09:00:00.1234567890Z", "2026-01-22 09:00:00", "2026-01-22", "yesterday",
                "2026-01-22T09:00:00ZZ", "2026-01-22T09:00:00+09:0a", "2026-01-22T09:00:00+0900")) {
            assertThat(IsoInstantCodec.quickParse(text)).as(text).isNull();
            assertThatThrownBy(() -> IsoInstantCodec.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}

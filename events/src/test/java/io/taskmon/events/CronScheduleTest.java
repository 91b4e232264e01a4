package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldExpectADailyRunAtTheZonesLocalTime() {
        CronSchedule nightly = CronSchedule.of("0 2 * * *", TAIPEI);

        // 02:00 in Taipei (UTC+8, no DST) is 18:00 UTC the day before.
        assertThat(nightly.nextAfter(Instant.parse("2026-03-01T17:00:00Z"))).isEqualTo("2026-03-01T18:00:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2026-03-01T18:00:00Z"))).isEqualTo("2026-03-02T18:00:00Z");
    }

    @Test
    void shouldExpectARunInTheSkippedHourRightAfterTheSpringForwardChange() {
        CronSchedule nightly = CronSchedule.of("30 2 * * *", BERLIN);

        // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00 UTC): 02:30 does not exist that day.
        assertThat(nightly.nextAfter(Instant.parse("2026-03-28T02:00:00Z"))).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2026-03-29T01:00:30Z"))).isEqualTo("2026-03-30T00:30:00Z");
    }

    @Test
    void shouldExpectARunInTheRepeatedHourOnlyOnceAfterTheFallBackChange() {
        CronSchedule nightly = CronSchedule.of("30 2 * * *", BERLIN);

        // 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens at 00:30 and 01:30 UTC.
        assertThat(nightly.nextAfter(Instant.parse("2026-10-24T12:00:00Z"))).isEqualTo("2026-10-25T00:30:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2026-10-25T00:30:05Z"))).isEqualTo("2026-10-26T01:30:00Z");
        assertThat(nightly.nextAfter(Instant.parse("2026-10-25T01:30:05Z"))).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void shouldKeepAFrequentScheduleGoingAcrossBothChanges() {
        CronSchedule quarterly = CronSchedule.of("*/15 * * * *", BERLIN);

        assertThat(quarterly.nextAfter(Instant.parse("2026-03-29T00:50:00Z"))).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(quarterly.nextAfter(Instant.parse("2026-03-29T01:00:00Z"))).isEqualTo("2026-03-29T01:15:00Z");
        // The second pass through 02:xx CET is not expected again; 03:00 CET is.
        assertThat(quarterly.nextAfter(Instant.parse("2026-10-25T00:50:00Z"))).isEqualTo("2026-10-25T02:00:00Z");
    }

    @Test
    void shouldNameWhatIsWrongWithABadExpression() {
        assertThat(CronSchedule.problem("0 0 2 * * *")).hasValueSatisfying(s -> assertThat(s)
                .startsWith("must have 5 fields").endsWith("got 6"));
        assertThat(CronSchedule.problem("61 2 * * *")).hasValueSatisfying(s -> assertThat(s)
                .startsWith("is not a valid cron expression"));
        assertThat(CronSchedule.problem("0 2 30 2 *")).hasValueSatisfying(s -> assertThat(s)
                .startsWith("never matches a date"));
        assertThat(CronSchedule.problem("*/15 * * * 1-5")).isEmpty();
    }
}

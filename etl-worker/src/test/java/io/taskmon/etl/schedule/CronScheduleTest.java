package io.taskmon.etl.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.etl.cli.UsageException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), TAIPEI);
    }

    /** A local time with its offset, for the hour that occurs twice when the clocks go back. */
    private static ZonedDateTime at(String localWithOffset, ZoneId zone) {
        return java.time.OffsetDateTime.parse(localWithOffset).atZoneSameInstant(zone);
    }

    /** Every time the schedule fires from {@code from} on, as a schedule loop would ask for them. */
    private static java.util.List<ZonedDateTime> firings(CronSchedule schedule, ZonedDateTime from, int count) {
        java.util.List<ZonedDateTime> times = new java.util.ArrayList<>();
        ZonedDateTime t = from;
        for (int i = 0; i < count; i++) {
            t = schedule.nextAfter(t);
            times.add(t);
        }
        return times;
    }

    @Test
    void dailyAtTwoFiresAtTheNextTwoOClockNeverAtAMissedOne() {
        CronSchedule daily = CronSchedule.parse("0 2 * * *");

        assertThat(daily.nextAfter(at("2026-01-28T01:59:30"))).isEqualTo(at("2026-01-28T02:00:00"));
        assertThat(daily.nextAfter(at("2026-01-28T02:00:00"))).isEqualTo(at("2026-01-29T02:00:00"));
        // A run that ended days later continues from then: missed times are not caught up.
        assertThat(daily.nextAfter(at("2026-02-03T09:00:00"))).isEqualTo(at("2026-02-04T02:00:00"));
    }

    @Test
    void listsRangesStepsAndNamesWork() {
        assertThat(CronSchedule.parse("*/15 9-17 * * MON-FRI").nextAfter(at("2026-01-30T17:50:00")))
                .isEqualTo(at("2026-02-02T09:00:00"));
        assertThat(CronSchedule.parse("5,35 * * * *").nextAfter(at("2026-01-30T10:06:00")))
                .isEqualTo(at("2026-01-30T10:35:00"));
        assertThat(CronSchedule.parse("0 0 1 jan *").nextAfter(at("2026-03-01T00:00:00")))
                .isEqualTo(at("2027-01-01T00:00:00"));
        assertThat(CronSchedule.parse("0 3 * * 7").nextAfter(at("2026-01-28T00:00:00")))
                .isEqualTo(at("2026-02-01T03:00:00"));
    }

    @Test
    void whenBothDayFieldsAreRestrictedEitherMatches() {
        CronSchedule firstOrFriday = CronSchedule.parse("0 12 1 * 5");

        assertThat(firstOrFriday.nextAfter(at("2026-01-28T13:00:00"))).isEqualTo(at("2026-01-30T12:00:00"));
        assertThat(firstOrFriday.nextAfter(at("2026-01-30T13:00:00"))).isEqualTo(at("2026-02-01T12:00:00"));
    }

    @Test
    void badExpressionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).isInstanceOf(UsageException.class)
                .hasMessageContaining("needs 5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *")).hasMessage(
                "--schedule: the hour field '25' is wrong (allowed 0-23)");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * FOO *")).hasMessage(
                "--schedule: the month field 'FOO' is wrong (not a number)");
        assertThatThrownBy(() -> CronSchedule.parse("0 5-2 * * *")).hasMessage(
                "--schedule: the hour field '5-2' is wrong (the range runs backwards)");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessage(
                "--schedule: the minute field '*/0' is wrong (allowed 1-59)");
    }

    @Test
    void aTimeTheSpringForwardDaySkipsDoesNotFireThatDayInBerlin() {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that day.
        CronSchedule daily = CronSchedule.parse("30 2 * * *");

        assertThat(firings(daily, at("2026-03-28T03:00+01:00", BERLIN), 3)).containsExactly(
                at("2026-03-30T02:30+02:00", BERLIN),
                at("2026-03-31T02:30+02:00", BERLIN),
                at("2026-04-01T02:30+02:00", BERLIN));
        // A time after the gap fires as usual that day.
        assertThat(CronSchedule.parse("0 3 * * *").nextAfter(at("2026-03-29T01:59+01:00", BERLIN)))
                .isEqualTo(at("2026-03-29T03:00+02:00", BERLIN));
    }

    @Test
    void aTimeTheFallBackHourRepeatsFiresOnceInBerlin() {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 occurs at +02:00 and again at +01:00.
        CronSchedule daily = CronSchedule.parse("30 2 * * *");

        assertThat(firings(daily, at("2026-10-24T12:00+02:00", BERLIN), 2)).containsExactly(
                at("2026-10-25T02:30+02:00", BERLIN), at("2026-10-26T02:30+01:00", BERLIN));
        // A run that started at the first 02:30 and ended inside the repeated hour is not run again.
        assertThat(daily.nextAfter(at("2026-10-25T02:10+01:00", BERLIN))).isEqualTo(at("2026-10-26T02:30+01:00", BERLIN));
        // Every half hour: each local time of the repeated hour once.
        assertThat(firings(CronSchedule.parse("*/30 * * * *"), at("2026-10-25T01:50+02:00", BERLIN), 4)).containsExactly(
                at("2026-10-25T02:00+02:00", BERLIN), at("2026-10-25T02:30+02:00", BERLIN),
                at("2026-10-25T03:00+01:00", BERLIN), at("2026-10-25T03:30+01:00", BERLIN));
    }

    @Test
    void daylightSavingTimeInNewYorkSkipsTheMissingTimeAndRunsTheRepeatedOneOnce() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT; 2026-11-01: 02:00 EDT becomes 01:00 EST.
        assertThat(firings(CronSchedule.parse("30 2 * * *"), at("2026-03-07T12:00-05:00", NEW_YORK), 2))
                .containsExactly(at("2026-03-09T02:30-04:00", NEW_YORK), at("2026-03-10T02:30-04:00", NEW_YORK));
        assertThat(firings(CronSchedule.parse("30 1 * * *"), at("2026-10-31T12:00-04:00", NEW_YORK), 2))
                .containsExactly(at("2026-11-01T01:30-04:00", NEW_YORK), at("2026-11-02T01:30-05:00", NEW_YORK));
        assertThat(CronSchedule.parse("30 1 * * *").nextAfter(at("2026-11-01T01:10-05:00", NEW_YORK)))
                .isEqualTo(at("2026-11-02T01:30-05:00", NEW_YORK));
    }

    @Test
    void anExpressionThatIsNotCronIsOneSentenceNamingTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("every night")).isInstanceOf(UsageException.class)
                .hasMessage("--schedule needs 5 fields (minute hour day month weekday), got 2 in 'every night'");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * MONDAY")).isInstanceOf(UsageException.class)
                .hasMessage("--schedule: the weekday field 'MONDAY' is wrong (not a number)");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 31 2 *")).isInstanceOf(UsageException.class)
                .hasMessage("--schedule '0 2 31 2 *' never fires");
    }
}

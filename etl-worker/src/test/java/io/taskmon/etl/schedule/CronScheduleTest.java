package io.taskmon.etl.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskmon.etl.cli.UsageException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), TAIPEI);
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
}

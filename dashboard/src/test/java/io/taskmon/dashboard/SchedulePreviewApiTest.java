package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.CronSchedule;
import io.taskmon.events.IntervalSchedule;
import io.taskmon.events.MonitorSchedule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/schedules/preview}: the next three expected runs of a schedule as typed. */
class SchedulePreviewApiTest {

    private static ReadModelSeed seed;
    private static DashboardServer server;

    @BeforeAll
    static void start() {
        seed = new ReadModelSeed("schedule_preview");
        server = new DashboardServer(seed, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        seed.close();
    }

    private static String query(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<Instant> expected(JsonNode answer) {
        List<Instant> times = new ArrayList<>();
        answer.get("expected").forEach(t -> times.add(Instant.parse(t.asText())));
        return times;
    }

    /** The next three starts after {@code from} by the schedule code that judges deadlines. */
    private static List<Instant> nextThree(MonitorSchedule schedule, Instant from) {
        List<Instant> times = new ArrayList<>();
        Instant after = from;
        for (int i = 0; i < 3; i++) {
            after = schedule.nextAfter(after);
            times.add(after);
        }
        return times;
    }

    @Test
    void shouldAnswerTheNextThreeRunsOfACronScheduleInItsTimeZone() {
        MonitorSchedule weekdays = CronSchedule.of("0 2 * * 1-5", ZoneId.of("Asia/Taipei"));
        Instant before = Instant.now();
        ApiClient.Answer answer = server.client.get("/api/schedules/preview?" + query("cron", "0 2 * * 1-5") + "&"
                + query("timezone", "Asia/Taipei"));
        Instant after = Instant.now();

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().get("cron").asText()).isEqualTo("0 2 * * 1-5");
        assertThat(answer.body().get("timezone").asText()).isEqualTo("Asia/Taipei");
        // The answer was computed between the two instants; a run boundary may fall in between.
        assertThat(expected(answer.body())).isIn(nextThree(weekdays, before), nextThree(weekdays, after));
    }

    @Test
    void shouldAnswerTheNextThreeRunsOfAnIntervalFromNow() {
        Instant before = Instant.now();
        ApiClient.Answer answer = server.client.get("/api/schedules/preview?interval_seconds=900");
        Instant after = Instant.now();

        assertThat(answer.status()).isEqualTo(200);
        List<Instant> times = expected(answer.body());
        assertThat(times).hasSize(3);
        assertThat(times.get(0)).isBetween(before.plusSeconds(900), after.plusSeconds(900));
        assertThat(times).isEqualTo(nextThree(new IntervalSchedule(Duration.ofSeconds(900)), times.get(0)
                .minusSeconds(900)));
        assertThat(answer.body().has("timezone")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "nothing||Give either cron (with an optional timezone) or interval_seconds",
            "both|cron=0+2+*+*+*&interval_seconds=60|Give either cron (with an optional timezone) or interval_seconds",
            "six fields|cron=0+0+2+*+*+*|`cron must have 5 fields (minute hour day-of-month month day-of-week) such as"
                    + " '0 2 * * *', got 6`",
            "unknown zone|cron=0+2+*+*+*&timezone=Mars/Olympus|`timezone must be an IANA time zone such as UTC,"
                    + " Asia/Taipei or Europe/Berlin, got 'Mars/Olympus'`",
            "short interval|interval_seconds=5|interval_seconds must be a whole number from 10 to 31536000",
            "interval not a number|interval_seconds=hourly|interval_seconds must be a whole number from 10 to 31536000",
            "zone with interval|interval_seconds=60&timezone=UTC|timezone applies to cron only; an interval counts seconds",
            "unknown parameter|cron=0+2+*+*+*&zone=UTC|`Unknown parameter 'zone': this endpoint takes cron, timezone,"
                    + " interval_seconds`"})
    void shouldAnswer400WithOneSentence(String label, String query, String sentence) {
        ApiClient.Answer answer = server.client.get("/api/schedules/preview" + (query == null ? "" : "?" + query));

        assertThat(answer.status()).as(label).isEqualTo(400);
        assertThat(answer.error()).isEqualTo(sentence);
    }
}

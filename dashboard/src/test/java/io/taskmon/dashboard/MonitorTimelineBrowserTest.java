package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.IntervalSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The monitor page's timeline strip in a real browser: a tick per expected time of the
 * monitor's interval schedule, coloured by outcome, a bar per run, and the queue wait in the
 * runs table.
 */
class MonitorTimelineBrowserTest {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofHours(4);
    private static final Duration GRACE = Duration.ofMinutes(15);
    private static final Duration TOOK = Duration.ofMinutes(3);
    private static final Duration QUEUED_FOR = Duration.ofSeconds(75);

    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static Browser browser;
    private static UUID monitor;
    /** The first run, 23 hours ago: the interval counts from it. */
    private static Instant first;

    @BeforeAll
    static void start() {
        seed = new ReadModelSeed("timeline_page");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        first = now.minus(23, ChronoUnit.HOURS);
        monitor = seed.monitor("warehouse_load", "倉庫ロード", "python", "ETL-01")
                .schedule("{\"interval_seconds\": " + INTERVAL.toSeconds() + ", \"grace_seconds\": "
                        + GRACE.toSeconds() + "}", now.plus(1, ChronoUnit.HOURS))
                .insert();
        // Run 1 at first; run 2 five minutes late (met); then nothing: the next expected time is missed.
        Instant second = first.plus(INTERVAL).plus(5, ChronoUnit.MINUTES);
        seed.queuedRun(monitor, "first", "success", first.minus(QUEUED_FOR), first, first.plus(TOOK));
        seed.run(monitor, "second", "failed", second.plus(TOOK), TOOK.toMillis(), 1, "exit 1", null);
        browser = new Browser();
        dashboard = new DashboardServer(seed, Map.of());
    }

    @AfterAll
    static void stop() {
        browser.close();
        dashboard.close();
        seed.close();
    }

    @Test
    void shouldDrawTheExpectedTimesByOutcomeAndTheRunsOnTheStrip() {
        browser.driver.get(dashboard.uri("/monitors/" + monitor + "?hours=24").toString());

        Instant second = first.plus(INTERVAL).plus(5, ChronoUnit.MINUTES);
        IntervalSchedule schedule = new IntervalSchedule(INTERVAL);
        Instant met = schedule.nextAfter(first);
        // After a miss the next run is expected one interval later, up to now (first + 23 h).
        List<String> missed = new ArrayList<>();
        for (Instant due = schedule.nextAfter(second); due.plus(GRACE).isBefore(first.plus(23, ChronoUnit.HOURS));
             due = schedule.nextAfter(due)) {
            missed.add(due.toString());
        }
        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(marks("met")).containsExactly(met.toString());
            assertThat(marks("missed")).containsExactlyElementsOf(missed);
            assertThat(marks("upcoming")).isEmpty();
            assertThat(runBars()).containsExactly("first success", "second failed");
        });
        assertThat(byId("timeline-summary").getText()).isEqualTo((1 + missed.size())
                + " expected in the last 24 hours: 1 met, " + missed.size() + " missed, 0 within grace; 2 runs.");

        WebElement firstRow = browser.driver.findElements(By.cssSelector("#runs-table tbody tr")).get(1);
        assertThat(firstRow.findElement(By.cssSelector("td.queue-wait")).getText()).isEqualTo(QUEUED_FOR.toMinutes() + " min " + QUEUED_FOR.toSecondsPart() + " s");
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", byId("timeline-summary"));
        browser.screenshot("monitor-timeline");
    }

    private static List<String> marks(String outcome) {
        return browser.driver.findElements(By.cssSelector("#timeline line.expected." + outcome)).stream()
                .map(line -> line.getAttribute("data-expected-at")).toList();
    }

    private static List<String> runBars() {
        return browser.driver.findElements(By.cssSelector("#timeline rect.run")).stream()
                .map(bar -> bar.getAttribute("data-run-id") + " " + bar.getAttribute("class").replace("run ", ""))
                .toList();
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }
}

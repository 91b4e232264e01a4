package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.CronSchedule;
import io.taskmon.events.MonitorConfig;
import io.taskmon.events.MonitorSchedule;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.SettingChange;
import io.taskmon.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The monitor page's configuration form in a real browser: the next three expected runs follow
 * what the person types, a bad cron expression gets its sentence, and Save publishes the new
 * configuration to the settings topic of the real broker.
 */
class MonitorConfigFormBrowserTest {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_KEY = "form-admin";
    private static final String WEEKDAYS = "0 2 * * 1-5";

    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static Browser browser;
    private static KafkaConsumer<UUID, MonitorSettingChanged> consumer;
    private static UUID monitor;

    @BeforeAll
    static void start() {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        seed = new ReadModelSeed("config_form");
        monitor = seed.monitor("hourly_backup", "毎時バックアップ", "shell", "NAS-01")
                .finishedAt(Instant.now().minus(10, ChronoUnit.MINUTES))
                .schedule("{\"interval_seconds\": 3600, \"grace_seconds\": 300, \"alert_after_failures\": 2}",
                        Instant.now().plus(50, ChronoUnit.MINUTES))
                .insert();
        dashboard = new DashboardServer(seed, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "TASKMON_ADMIN_KEYS", ADMIN_KEY));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "config-form-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.MONITOR_SETTINGS.keySerde().deserializer(), Topics.MONITOR_SETTINGS.valueSerde().deserializer());
        consumer.subscribe(List.of(Topics.MONITOR_SETTINGS.name()));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        consumer.close();
        dashboard.close();
        seed.close();
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private static void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    private static List<Instant> previewed() {
        return browser.driver.findElements(By.cssSelector("#config-preview li")).stream()
                .map(li -> Instant.parse(li.getAttribute("data-at"))).toList();
    }

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
    void shouldPreviewTheNextThreeRunsAsACronIsTypedAndSaveTheConfiguration() {
        browser.driver.get(dashboard.uri("/monitors/" + monitor).toString());
        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(byId("config-interval").getAttribute("value")).isEqualTo("3600");
            assertThat(byId("config-grace").getAttribute("value")).isEqualTo("300");
            assertThat(previewed()).hasSize(3);
        });

        Instant before = Instant.now();
        byId("config-interval").clear();
        type("config-timezone", "Asia/Taipei");
        type("config-cron", WEEKDAYS);
        MonitorSchedule weekdays = CronSchedule.of(WEEKDAYS, ZoneId.of("Asia/Taipei"));
        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> assertThat(previewed())
                .isIn(nextThree(weekdays, before), nextThree(weekdays, Instant.now())));
        assertThat(byId("config-preview-note").getText()).isEqualTo("cron " + WEEKDAYS + " in Asia/Taipei");
        // Shown in the browser's own zone (Tokyo): 02:00 in Taipei is 03:00 there.
        assertThat(browser.driver.findElements(By.cssSelector("#config-preview li")))
                .allSatisfy(li -> assertThat(li.getText()).contains("3:00:00"));
        browser.screenshot("monitor-config-form");

        type("config-cron", "0 2 * *");
        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(byId("config-preview-note").getText()).isEqualTo("cron must have 5 fields (minute hour"
                    + " day-of-month month day-of-week) such as '0 2 * * *', got 4");
            assertThat(previewed()).isEmpty();
        });

        type("config-cron", WEEKDAYS);
        ((JavascriptExecutor) browser.driver).executeScript(
                "localStorage.setItem('taskmon.adminKey', arguments[0])", ADMIN_KEY);
        byId("config-save").click();

        await().atMost(PAGE_WAIT).ignoreExceptions().untilAsserted(() -> assertThat(byId("config-note").getText())
                .isEqualTo("Saved; the schedule above shows it once processed."));
        List<ConsumerRecord<UUID, MonitorSettingChanged>> published = new ArrayList<>();
        ConsumerRecord<UUID, MonitorSettingChanged> saved = await().atMost(PAGE_WAIT).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(published::add);
            return published.stream().filter(r -> r.key().equals(monitor)).findFirst().orElse(null);
        }, r -> r != null);
        assertThat(saved.value().change()).isEqualTo(SettingChange.CONFIGURED);
        // The fields the form does not show (the failure threshold) are kept.
        assertThat(saved.value().monitorConfig()).isEqualTo(new MonitorConfig(WEEKDAYS, "Asia/Taipei", null, 300L,
                null, null, 2, null));
    }
}

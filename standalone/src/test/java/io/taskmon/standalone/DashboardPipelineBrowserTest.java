package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.events.MonitorId;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The whole pipeline under the incidents page: a failure reported to the gateway travels
 * Kafka, monitor-streams and the projector into PostgreSQL, and the page open in a browser on
 * the same port shows it without a reload.
 */
class DashboardPipelineBrowserTest {

    private static final String KEY = "pipeline-key";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldShowAFailureReportedToTheGatewayOnTheOpenIncidentsPage() throws Exception {
        StandaloneSettings settings = TestHomes.settings("taskmon-home", KEY);
        String taskKey = "pipeline_" + UUID.randomUUID().toString().substring(0, 8);
        UUID monitorId = MonitorId.of(taskKey, "bat", "WEB-07");

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(60))).as("down: %s", runtime.downComponents()).isTrue();
            ChromeDriver driver = chrome();
            try {
                driver.get(runtime.baseUrl().resolve("/incidents").toString());
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        !driver.findElements(By.cssSelector("#incidents-table tbody tr")).isEmpty());
                ((JavascriptExecutor) driver).executeScript("window.sameDocument = true;");

                HttpResponse<String> answer = report(runtime.baseUrl(), """
                        {"task_key":"%s","task_name":"月次締め処理","kind":"bat","status":"failed","exit_code":9,
                         "message":"締め処理に失敗しました","machine_name":"WEB-07","finished_at":"%s"}"""
                        .formatted(taskKey, Instant.now()));
                assertThat(answer.statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(
                        driver.findElements(By.cssSelector("#incidents-table tbody tr[data-monitor-id='" + monitorId + "']")))
                        .singleElement()
                        .satisfies(row -> assertThat(row.findElements(By.tagName("td")).stream()
                                .map(WebElement::getText).toList().subList(0, 7))
                                .containsExactly(taskKey, "月次締め処理", "bat", "WEB-07", "failed", "9", "締め処理に失敗しました")));
                // monitor-streams marks the monitor failing and the projector writes it: the badge counts it.
                await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
                    WebElement badge = driver.findElement(By.id("incident-badge"));
                    assertThat(badge.isDisplayed()).isTrue();
                    assertThat(badge.getText()).isEqualTo("1");
                });
                assertThat(((JavascriptExecutor) driver).executeScript("return window.sameDocument === true;"))
                        .as("updated in place, not reloaded").isEqualTo(true);
                screenshot(driver, "standalone-incidents");

                HttpResponse<String> detail = http.send(HttpRequest.newBuilder(
                        runtime.baseUrl().resolve("/api/monitors/" + monitorId)).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(detail.statusCode()).as("the API on the gateway's port").isEqualTo(200);
                assertThat(detail.body()).contains("\"last_status\":\"failed\"", "\"task_name\":\"月次締め処理\"");
                HttpResponse<String> incidents = http.send(HttpRequest.newBuilder(
                        runtime.baseUrl().resolve("/api/incidents")).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(incidents.body()).contains("\"count\":1", monitorId.toString());
            } finally {
                driver.quit();
            }
        }
    }

    private HttpResponse<String> report(URI base, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/monitor/report"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Debian's headless Chromium, as the dashboard module's browser tests drive it. */
    private static ChromeDriver chrome() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        return new ChromeDriver(service, options);
    }

    private static void screenshot(ChromeDriver driver, String name) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), folder.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}

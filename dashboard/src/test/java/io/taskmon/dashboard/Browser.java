package io.taskmon.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver (both installed by the CI script),
 * in a fixed time zone far from UTC so that "shown in the viewer's time zone" is visible.
 */
final class Browser implements AutoCloseable {

    static final String TIME_ZONE = "Asia/Tokyo";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;

    Browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("taskmon.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", TIME_ZONE, "LANG", "en_US.UTF-8"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("taskmon.chromium", "/usr/bin/chromium"));
        // Tests run as root in a container: no sandbox, and /dev/shm is small.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=en-US");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Saves what the page looks like now as target/screenshots/{name}.png for review. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

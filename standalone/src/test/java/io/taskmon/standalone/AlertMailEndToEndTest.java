package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier end to end, as a user runs it: a mail channel and a route made over the admin API,
 * failed reports posted to the gateway, monitor-streams raising the alert, and the notifier
 * mailing it to a real SMTP server (GreenMail) in this JVM.
 */
class AlertMailEndToEndTest {

    private static final String KEY = "mail-e2e-key";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private GreenMail mailServer;

    @BeforeEach
    void startMailServer() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
    }

    @AfterEach
    void stopMailServer() {
        mailServer.stop();
    }

    @Test
    void shouldMailOneAlertAfterThreeFailedReportsAndTheRecoveryAfterASuccess() throws Exception {
        StandaloneSettings settings = TestHomes.settings("taskmon-mail", KEY,
                "TASKMON_SMTP_HOST", "127.0.0.1",
                "TASKMON_SMTP_PORT", String.valueOf(mailServer.getSmtp().getPort()),
                "TASKMON_SMTP_STARTTLS", "false",
                "TASKMON_SMTP_FROM", "taskmon@example.com",
                "TASKMON_PARTITIONS", "1");

        try (StandaloneRuntime runtime = StandaloneRuntime.start(settings, (key, path) -> { })) {
            assertThat(runtime.awaitHealthy(Duration.ofSeconds(90))).as("down: %s", runtime.downComponents()).isTrue();
            URI base = runtime.baseUrl();

            HttpResponse<String> channel = admin(base, "/api/channels",
                    "{\"name\":\"ops-mail\",\"type\":\"email\",\"to\":[\"ops@example.com\"]}");
            assertThat(channel.statusCode()).as(channel.body()).isEqualTo(201);
            String channelId = idOf(channel.body());
            HttpResponse<String> route = admin(base, "/api/routes",
                    "{\"name\":\"tax\",\"match\":{\"task_key_glob\":\"tax_*\"},\"channels\":[\"" + channelId + "\"]}");
            assertThat(route.statusCode()).as(route.body()).isEqualTo(201);

            for (int hour = 1; hour <= 3; hour++) {
                assertThat(report(base, run("failed", hour)).statusCode()).isEqualTo(200);
            }

            MimeMessage failing = awaitMail("FAILING");
            assertThat(failing.getSubject()).isEqualTo("[taskmon] FAILING: 税務取込 (tax_import on WEB-01)");
            assertThat(failing.getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.com");

            assertThat(report(base, run("success", 4)).statusCode()).isEqualTo(200);
            MimeMessage recovered = awaitMail("RECOVERED");
            assertThat(recovered.getSubject()).isEqualTo("[taskmon] RECOVERED: 税務取込 (tax_import on WEB-01)");

            // The three failures raised one alert: no second FAILING mail came with the recovery.
            assertThat(subjects()).containsExactly(failing.getSubject(), recovered.getSubject());
        }
    }

    private static String run(String status, int hour) {
        return """
                {"task_key":"tax_import","task_name":"税務取込","kind":"bat","status":"%s","exit_code":%d,
                 "message":"%s","machine_name":"WEB-01",
                 "started_at":"2026-11-01T0%d:00:00Z","finished_at":"2026-11-01T0%d:05:00Z"}"""
                .formatted(status, status.equals("failed") ? 1 : 0, status.equals("failed") ? "取込失敗" : "完了",
                        hour, hour);
    }

    private MimeMessage awaitMail(String alertType) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(mailServer.getReceivedMessages())
                .filter(m -> subject(m).startsWith("[taskmon] " + alertType + ":")).findFirst().orElse(null),
                m -> m != null);
    }

    private List<String> subjects() {
        return Arrays.stream(mailServer.getReceivedMessages()).map(AlertMailEndToEndTest::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idOf(String body) {
        Matcher id = ID.matcher(body);
        assertThat(id.find()).as(body).isTrue();
        return id.group(1);
    }

    private HttpResponse<String> admin(URI base, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> report(URI base, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/monitor/report"))
                        .header("Content-Type", "application/json")
                        .header("X-TC-Portal-Secret", KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

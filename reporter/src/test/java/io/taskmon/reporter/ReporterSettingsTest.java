package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReporterSettingsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Notices notices = new Notices(new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void shouldPreferFlagsThenTaskmonVariablesThenTheTcPortalOnes() throws UsageError {
        Map<String, String> env = Map.of(
                "TASKMON_URL", "http://taskmon:8080", "TASKMON_KEY", "tk",
                "TC_PORTAL_BASE_URL", "https://portal.example", "TC_PORTAL_WEBHOOK_SECRET", "tc");

        ReporterSettings fromFlags = ReporterSettings.resolve(env, "http://flag:1/", "fk", notices);
        ReporterSettings fromTaskmon = ReporterSettings.resolve(env, null, null, notices);
        ReporterSettings fromPortal = ReporterSettings.resolve(
                Map.of("TC_PORTAL_BASE_URL", "https://portal.example", "TC_PORTAL_WEBHOOK_SECRET", "tc"), null, null, notices);

        assertThat(fromFlags.endpoint()).isEqualTo(URI.create("http://flag:1/api/monitor/report"));
        assertThat(fromFlags.key()).isEqualTo("fk");
        assertThat(fromTaskmon.endpoint()).isEqualTo(URI.create("http://taskmon:8080/api/monitor/report"));
        assertThat(fromTaskmon.key()).isEqualTo("tk");
        assertThat(fromPortal.endpoint()).isEqualTo(URI.create("https://portal.example/api/monitor/report"));
        assertThat(fromPortal.key()).isEqualTo("tc");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldDefaultToTheLocalGatewayTheUsersSpoolAndAFewSeconds() throws UsageError {
        ReporterSettings settings = ReporterSettings.resolve(Map.of("TASKMON_KEY", "k"), null, null, notices);

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:8080/api/monitor/report"));
        assertThat(settings.spoolDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".taskmon", "spool"));
        assertThat(settings.budget()).isEqualTo(ReporterSettings.DEFAULT_BUDGET);
        assertThat(settings.reportingOn()).isTrue();
    }

    @Test
    void shouldKeepAUrlThatAlreadyNamesTheReportPath() {
        assertThat(ReporterSettings.endpoint("https://h/base/api/monitor/report"))
                .isEqualTo(URI.create("https://h/base/api/monitor/report"));
        assertThat(ReporterSettings.endpoint("http://h:9/prefix//")).isEqualTo(URI.create("http://h:9/prefix/api/monitor/report"));
        assertThat(ReporterSettings.endpoint("localhost:8080")).isNull();
        assertThat(ReporterSettings.endpoint("http://")).isNull();
        assertThat(ReporterSettings.endpoint("http://bad host")).isNull();
    }

    @Test
    void shouldTurnReportingOffWithAReasonForABadUrlVariableButRefuseABadUrlFlag() throws UsageError {
        ReporterSettings settings = ReporterSettings.resolve(Map.of("TASKMON_URL", "gateway:8080", "TASKMON_KEY", "k"),
                null, null, notices);

        assertThat(settings.reportingOn()).isFalse();
        assertThat(settings.offBecause()).isEqualTo("TASKMON_URL (or TC_PORTAL_BASE_URL) is not an http:// or https://"
                + " URL ('gateway:8080'), so this run is not reported");
        assertThatThrownBy(() -> ReporterSettings.resolve(Map.of("TASKMON_KEY", "k"), "gateway:8080", null, notices))
                .isInstanceOf(UsageError.class)
                .hasMessage("--url must be an http:// or https:// URL, got 'gateway:8080'");
    }

    @Test
    void shouldReadTimeoutsInTaskmonsDurationGrammarAndRefuseAnythingElse() throws UsageError {
        assertThat(ReporterSettings.parseDuration("3s", notices)).isEqualTo(Duration.ofSeconds(3));
        assertThat(ReporterSettings.parseDuration(" 500ms ", notices)).isEqualTo(Duration.ofMillis(500));
        assertThat(ReporterSettings.parseDuration("1m", notices)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ReporterSettings.parseDuration("-1s", notices)).isNull();
        assertThat(ReporterSettings.parseDuration("3 minutes", notices)).isNull();
        assertThat(ReporterSettings.parseDuration("2.5s", notices)).isNull();
        assertThat(ReporterSettings.parseDuration("99999s", notices)).isNull();
        assertThat(ReporterSettings.parseDuration("2h", notices)).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        ReporterSettings minute = ReporterSettings.resolve(Map.of("TASKMON_KEY", "k", "TASKMON_REPORT_TIMEOUT", "1m"),
                null, null, notices);
        ReporterSettings refused = ReporterSettings.resolve(
                Map.of("TASKMON_KEY", "k", "TASKMON_REPORT_TIMEOUT", "3 minutes"), null, null, notices);

        assertThat(minute.budget()).isEqualTo(Duration.ofMinutes(1));
        assertThat(refused.budget()).isEqualTo(ReporterSettings.DEFAULT_BUDGET);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("taskmon-report: TASKMON_REPORT_TIMEOUT must be"
                + " a whole number with a unit such as 500ms, 3s or 1m, at most 1h, got '3 minutes'; using 3s"
                + System.lineSeparator());
    }

    @Test
    void shouldStillReadABareNumberAsSecondsWithOneNoticeSayingHowToWriteIt() throws UsageError {
        assertThat(ReporterSettings.parseDuration("2.5", notices)).isEqualTo(Duration.ofMillis(2500));
        assertThat(ReporterSettings.parseDuration("0", notices)).isEqualTo(Duration.ZERO);
        assertThat(ReporterSettings.parseDuration("99999", notices)).isNull();

        ReporterSettings settings = ReporterSettings.resolve(Map.of("TASKMON_KEY", "k", "TASKMON_REPORT_TIMEOUT", "3"),
                null, null, notices);

        assertThat(settings.budget()).isEqualTo(Duration.ofSeconds(3));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                "taskmon-report: TASKMON_REPORT_TIMEOUT=2.5 has no unit and is read as seconds; please write 2500ms instead",
                "taskmon-report: TASKMON_REPORT_TIMEOUT=0 has no unit and is read as seconds; please write 0s instead",
                "taskmon-report: TASKMON_REPORT_TIMEOUT=3 has no unit and is read as seconds; please write 3s instead",
                ""));
    }
}

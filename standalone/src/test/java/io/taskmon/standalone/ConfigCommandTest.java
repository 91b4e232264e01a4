package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> warnings = new ArrayList<>();

    private int run(Map<String, String> env) {
        return ConfigCommand.print(new Settings(env, warnings::add), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsEverySettingWithItsValueAndSourceAndMasksSecrets() {
        int code = run(Map.of("TASKMON_HTTP_PORT", "9090", "TASKMON_INGEST_KEYS", "very-secret-key",
                "PG_PASSWORD", "db-secret", "TASKMON_KAFKA_SASL_JAAS_CONFIG", "jaas-secret",
                "TASKMON_RETENTION_DAYS", "30"));

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("very-secret-key").doesNotContain("db-secret").doesNotContain("jaas-secret");
        assertThat(lines().get(0)).startsWith("SETTING").contains("VALUE").endsWith("FROM");
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("TASKMON_HTTP_PORT +9090 +environment"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("TASKMON_HTTP_HOST +0\\.0\\.0\\.0 +default"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("TASKMON_INGEST_KEYS +\\*\\*\\*\\* +environment"));
        assertThat(lines()).anySatisfy(line -> assertThat(line)
                .matches("TASKMON_HISTORY_RETENTION +30d +environment, as TASKMON_RETENTION_DAYS"));
        assertThat(lines()).anySatisfy(line -> assertThat(line)
                .matches("TASKMON_KAFKA_SASL_JAAS_CONFIG +\\*\\*\\*\\* +environment, passed to Kafka as sasl\\.jaas\\.config"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("TASKMON_REMINDER_INTERVAL +1h +default"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("TASKMON_INGEST_BURST +20000 +default"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("TASKMON_DASHBOARD_DB_POOL_SIZE +4 +default"));
        assertThat(warnings).hasSize(1);
    }

    @Test
    void namesTheBadSettingAndExitsWithTwo() {
        int code = run(Map.of("TASKMON_HTTP_PORT", "eighty"));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("taskmon: TASKMON_HTTP_PORT must be a port number from 0 to 65535, got 'eighty'");
    }
}

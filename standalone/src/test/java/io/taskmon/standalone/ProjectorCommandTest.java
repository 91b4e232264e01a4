package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./taskmon projector}: wrong use and settings that cannot work end in one sentence and exit code 2. */
class ProjectorCommandTest {

    record Run(int exitCode, String output) {
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProjectorCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("PG_URL");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldExplainItsUsageWhenTheSubcommandIsMissingOrUnknown() throws Exception {
        Run none = run(Map.of());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.output()).startsWith("taskmon: usage: ./taskmon projector rebuild");

        Run unknown = run(Map.of(), "rebuilt", "--now");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).startsWith("taskmon: usage: ./taskmon projector rebuild");
    }

    @Test
    void shouldRefuseToRebuildWithoutARunningTaskmonOrServers() throws Exception {
        Path home = Files.createTempDirectory("projector-command");
        Run rebuild = run(Map.of("TASKMON_HOME", home.toString()), "rebuild");
        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.output()).startsWith("taskmon: no taskmon is running with TASKMON_HOME=" + home.toRealPath());
    }

    @Test
    void shouldNameABadSettingBeforeTouchingAnything() throws Exception {
        Path home = Files.createTempDirectory("projector-command");
        Run rebuild = run(Map.of("TASKMON_HOME", home.toString(), "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "PG_URL", "jdbc:postgresql://127.0.0.1:1/none", "TASKMON_RETENTION_DAYS", "ninety"), "rebuild");
        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.output().lines()).containsExactly(
                "taskmon: warning: TASKMON_RETENTION_DAYS is now called TASKMON_HISTORY_RETENTION; the old name still"
                        + " works for now, please rename it",
                "taskmon: TASKMON_RETENTION_DAYS (now TASKMON_HISTORY_RETENTION) must be 0 or a whole number"
                        + " with a unit such as 500ms, 30s, 5m, 2h or 7d, got 'ninety'");
    }
}

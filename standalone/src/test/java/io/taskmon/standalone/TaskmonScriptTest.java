package io.taskmon.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ./taskmon entry point: its help and its answers to wrong use (none of these build or start anything). */
class TaskmonScriptTest {

    private static final Path SCRIPT = Path.of("..", "taskmon").toAbsolutePath().normalize();

    record Run(int exitCode, String output) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsAndSettings() throws Exception {
        Run help = run("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("up ", "bench NAME", "TASKMON_HOME", "TASKMON_HTTP_PORT", "TASKMON_INGEST_KEYS");
    }

    @Test
    void refusesWrongUseWithExitCode2AndASentence() throws Exception {
        Run unknown = run("upp");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).startsWith("taskmon: unknown command 'upp'");

        Run extra = run("up", "--port", "9000");
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.output()).contains("'up' takes no arguments (got: --port 9000)");

        Run noBench = run("bench");
        assertThat(noBench.exitCode()).isEqualTo(2);
        assertThat(noBench.output()).startsWith("taskmon: bench needs a NAME; available: startup");

        Run unknownBench = run("bench", "warp");
        assertThat(unknownBench.exitCode()).isEqualTo(2);
        assertThat(unknownBench.output()).startsWith("taskmon: unknown benchmark 'warp'");
    }
}

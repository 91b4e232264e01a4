package io.taskmon.reporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * taskmon-report as a real separate process, as a scheduler starts it: its own JVM with the
 * launcher's flags, its own environment, real stdin/stdout/stderr, real signals.
 */
final class ReporterProcess {

    /** Finished reporter: its exit code and everything it printed. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Map<String, String> env = new HashMap<>();

    private ReporterProcess() {
        System.getenv().forEach((name, value) -> {
            // Only what a test sets reaches the reporter; the machine's own settings must not.
            if (!name.startsWith("TASKMON_") && !name.startsWith("TC_PORTAL_")) {
                env.put(name, value);
            }
        });
    }

    /** A reporter pointed at this gateway with the right key and its own spool folder. */
    static ReporterProcess against(TestGateway gateway, Path spoolDir) {
        return new ReporterProcess()
                .env("TASKMON_URL", gateway.url())
                .env("TASKMON_KEY", TestGateway.KEY)
                .env("TASKMON_SPOOL_DIR", spoolDir.toString());
    }

    static ReporterProcess withoutSettings() {
        return new ReporterProcess();
    }

    ReporterProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    ReporterProcess withoutEnv(String name) {
        env.remove(name);
        return this;
    }

    Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classesDir().toString(), TaskmonReport.class.getName()));
        command.addAll(List.of(args));
        return startCommand(command);
    }

    /** The sh launcher in bin/, on the compiled classes instead of the jar. */
    Process startLauncher(String... args) {
        env.put("TASKMON_REPORT_JAR", classesDir().toString());
        List<String> command = new ArrayList<>(List.of(Path.of("bin", "taskmon-report").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return startCommand(command);
    }

    Result run(String... args) {
        return finish(start(args));
    }

    static Result finish(Process process) {
        try {
            process.getOutputStream().close();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), stderr));
            errReader.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("taskmon-report did not finish within 60 s");
            }
            errReader.join();
            return new Result(process.exitValue(), stdout, stderr.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process startCommand(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path classesDir() {
        try {
            return Path.of(TaskmonReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

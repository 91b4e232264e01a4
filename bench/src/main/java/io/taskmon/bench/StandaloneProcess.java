package io.taskmon.bench;

import io.taskmon.config.RuntimeEndpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone jar run as {@code ./taskmon up} runs it, in a process group of its own
 * ({@code setsid}), so that it can be killed as a power cut or an OOM kill would: the JVM's
 * whole group and the group of the PostgreSQL it started, which runs in a session of its own.
 * Its logs are passed on to this JVM's stderr; the restore lines monitor-streams logs are counted.
 */
final class StandaloneProcess {

    private static final Pattern READY = Pattern.compile("taskmon ready in .*: (http://\\S+) ");
    private static final Pattern RESTORED = Pattern.compile("monitor-streams: restored (\\d+) records into store");

    private final Path home;
    private final Process process;
    private final long startedNanos;
    private final CompletableFuture<Long> readyNanos = new CompletableFuture<>();
    private final AtomicLong recordsRestored = new AtomicLong();
    private volatile URI baseUrl;

    private StandaloneProcess(Path home, Process process, long startedNanos) {
        this.home = home;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static StandaloneProcess start(Path jar, Path home, String ingestKey) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder("setsid", java, "-Xmx2g", "-jar", jar.toString());
        builder.environment().put("TASKMON_HOME", home.toString());
        builder.environment().put("TASKMON_HTTP_HOST", "127.0.0.1");
        builder.environment().put("TASKMON_HTTP_PORT", "0");
        builder.environment().put("TASKMON_INGEST_KEYS", ingestKey);
        long began = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start taskmon under setsid (util-linux), which gives it a process group"
                    + " of its own to kill: " + e.getMessage(), e);
        }
        StandaloneProcess started = new StandaloneProcess(home, process, began);
        started.follow(process.getInputStream(), "stdout", true);
        started.follow(process.getErrorStream(), "stderr", false);
        return started;
    }

    /** Milliseconds from process start to the ready line. */
    long awaitReadyMs(long timeoutSeconds) throws Exception {
        try {
            return (readyNanos.get(timeoutSeconds, TimeUnit.SECONDS) - startedNanos) / 1_000_000;
        } catch (TimeoutException e) {
            throw new IllegalStateException("taskmon on " + home + " was not ready within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("taskmon on " + home + " exited with " + process.waitFor()
                    + " before it was ready");
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** Records monitor-streams replayed from its changelogs into its stores since this start. */
    long recordsRestored() {
        return recordsRestored.get();
    }

    /** Where its broker and database are; written before the ready line. */
    RuntimeEndpoints endpoints() {
        return RuntimeEndpoints.readFrom(home)
                .orElseThrow(() -> new IllegalStateException("no endpoints file in " + home));
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it, and until it has exited. */
    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("taskmon did not stop within 120 s of SIGTERM");
        }
    }

    /** SIGKILL to the JVM's process group and to its PostgreSQL's, and until the JVM is gone. */
    void killWithPostgres() throws Exception {
        Optional<ProcessHandle> postgres = postmaster();
        signalGroup(process.pid());
        postgres.ifPresent(server -> signalGroup(processGroupOf(server.pid())));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("taskmon survived kill -9 for 60 s");
        }
        if (postgres.isPresent()) {
            postgres.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    /** Only for a benchmark that fails half way: nothing may outlive the run. */
    void killQuietly() {
        if (process.isAlive()) {
            try {
                killWithPostgres();
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = home.resolve("postgres/data/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    /** The process group, from {@code /proc/PID/stat}: the third field after the command's closing bracket. */
    private static long processGroupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the process group of " + pid, e);
        }
    }

    private static void signalGroup(long group) {
        long own = processGroupOf(ProcessHandle.current().pid());
        if (group == own) {
            throw new IllegalStateException("refusing to kill this benchmark's own process group " + group);
        }
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + group).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing process group " + group, e);
        }
    }

    private void follow(InputStream stream, String name, boolean watchForReady) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    System.err.println("  [taskmon] " + line);
                    Matcher restored = RESTORED.matcher(line);
                    if (restored.find()) {
                        recordsRestored.addAndGet(Long.parseLong(restored.group(1)));
                    }
                    Matcher ready = READY.matcher(line);
                    if (watchForReady && !readyNanos.isDone() && ready.find()) {
                        baseUrl = URI.create(ready.group(1));
                        readyNanos.complete(now);
                    }
                }
            } catch (IOException e) {
                // The process is gone; the ready future below says so if it never got ready.
            }
            if (watchForReady) {
                readyNanos.completeExceptionally(new IllegalStateException("exited before ready"));
            }
        }, "taskmon-" + name);
        reader.setDaemon(true);
        reader.start();
    }
}

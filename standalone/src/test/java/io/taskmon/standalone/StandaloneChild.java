package io.taskmon.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * {@link TaskmonStandalone} in a JVM of its own on the test classpath, started under
 * {@code setsid} so that it has a process group of its own to kill, as a power cut or an OOM
 * kill would. Its embedded PostgreSQL runs in a session of its own: a kill of the JVM's group
 * leaves it running (the next start stops it), unless it is killed too.
 */
final class StandaloneChild implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("taskmon ready in .*: (http://\\S+) .* postgres: (\\S+)");
    private static final Pattern RESTORED = Pattern.compile("monitor-streams: restored (\\d+) records into store");
    private static final String RECOVERY = "monitor-streams: recovery: ";
    private static final Pattern RECOVERED_TRANSACTION = Pattern.compile(RECOVERY + "(committed|aborted) ");
    private static final int TAIL_LINES = 30;

    private final Path home;
    private final Process process;
    private final long startedNanos;
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
    private final AtomicLong recordsRestored = new AtomicLong();
    private final AtomicLong transactionsEnded = new AtomicLong();
    private final Deque<String> tail = new ArrayDeque<>();
    /** What the recovery step said, kept whole: a start that never gets ready is explained there first. */
    private final List<String> recoveryLines = new ArrayList<>();
    private volatile long readyAtNanos;
    /** Killed or stopped on purpose: what it left behind is the next start's to deal with. */
    private volatile boolean ended;

    private StandaloneChild(Path home, Process process, long startedNanos) {
        this.home = home;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static StandaloneChild start(Path home, String ingestKey, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("setsid", java, "-Xmx768m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), TaskmonStandalone.class.getName())
                .redirectErrorStream(true);
        // Only this home's embedded broker and database, whatever the developer's shell has set.
        builder.environment().keySet().removeIf(name -> name.startsWith("TASKMON_") || name.startsWith("PG_")
                || name.startsWith("KAFKA_"));
        builder.environment().put("TASKMON_HOME", home.toString());
        builder.environment().put("TASKMON_HTTP_HOST", "127.0.0.1");
        builder.environment().put("TASKMON_HTTP_PORT", "0");
        builder.environment().put("TASKMON_INGEST_KEYS", ingestKey);
        long began = System.nanoTime();
        StandaloneChild child = new StandaloneChild(home, builder.start(), began);
        child.follow(log);
        return child;
    }

    /** The time from process start to the ready line; fails with the log's last lines if it does not come. */
    Duration awaitReady(Duration bound) throws InterruptedException {
        try {
            ready.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return Duration.ofNanos(readyAtNanos - startedNanos);
        } catch (TimeoutException e) {
            throw new AssertionError("taskmon was not ready within " + bound.toSeconds() + " s; its recovery step said:\n"
                    + recoveryLines() + "\nits last lines:\n" + tail());
        } catch (ExecutionException e) {
            throw new AssertionError("taskmon exited with " + process.waitFor() + " before it was ready;"
                    + " its last lines:\n" + tail());
        }
    }

    boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    URI baseUrl() {
        return URI.create(ready.join().group(1));
    }

    String jdbcUrl() {
        return ready.join().group(2);
    }

    long recordsRestored() {
        return recordsRestored.get();
    }

    /** Transactions a crash left hanging that the start's recovery step committed or aborted. */
    long transactionsEnded() {
        return transactionsEnded.get();
    }

    /** SIGKILL to the JVM's process group; with {@code postgresToo} also to its PostgreSQL's. */
    void kill(boolean postgresToo) throws Exception {
        ended = true;
        Optional<ProcessHandle> postgres = postgresToo ? postmaster() : Optional.empty();
        signalGroup(process.pid());
        postgres.ifPresent(server -> signalGroup(processGroupOf(server.pid())));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("taskmon survived kill -9 for 60 s");
        }
        if (postgres.isPresent()) {
            postgres.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, as Ctrl-C stops it, and until it has exited; true if it exited within the time. */
    boolean stop(Duration within) throws InterruptedException {
        ended = true;
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * After a test that failed half way nothing outlives it: a JVM still running and a PostgreSQL
     * left behind are killed. After a kill or stop on purpose, what it left is the next start's.
     */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill(true);
        } else if (!ended) {
            Optional<ProcessHandle> orphan = postmaster();
            if (orphan.isPresent()) {
                signalGroup(processGroupOf(orphan.get().pid()));
                orphan.get().onExit().get(60, TimeUnit.SECONDS);
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

    /** From {@code /proc/PID/stat}: the third field after the command's closing bracket. */
    private static long processGroupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the process group of " + pid, e);
        }
    }

    private static void signalGroup(long group) {
        if (group == processGroupOf(ProcessHandle.current().pid())) {
            throw new IllegalStateException("refusing to kill the test's own process group " + group);
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

    private void follow(Path log) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    long now = System.nanoTime();
                    out.println(line);
                    remember(line);
                    Matcher restored = RESTORED.matcher(line);
                    if (restored.find()) {
                        recordsRestored.addAndGet(Long.parseLong(restored.group(1)));
                    }
                    if (line.contains(RECOVERY)) {
                        rememberRecovery(line);
                    }
                    if (RECOVERED_TRANSACTION.matcher(line).find()) {
                        transactionsEnded.incrementAndGet();
                    }
                    Matcher readyLine = READY.matcher(line);
                    if (!ready.isDone() && readyLine.find()) {
                        readyAtNanos = now;
                        ready.complete(readyLine);
                    }
                }
            } catch (IOException e) {
                // The process is gone; awaitReady says so if it never got ready.
            }
            ready.completeExceptionally(new IllegalStateException("exited before ready"));
        }, "taskmon-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private synchronized void rememberRecovery(String line) {
        recoveryLines.add(line);
    }

    private synchronized String recoveryLines() {
        return recoveryLines.isEmpty() ? "(nothing)" : String.join("\n", recoveryLines);
    }

    private synchronized String tail() {
        return String.join("\n", tail);
    }
}

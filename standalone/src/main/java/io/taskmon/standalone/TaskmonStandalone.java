package io.taskmon.standalone;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code ./taskmon up}: starts every service in this process and runs until Ctrl-C. */
public final class TaskmonStandalone {

    /** Exit code for settings that cannot work, as most command-line tools use. */
    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_START_FAILED = 1;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private TaskmonStandalone() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        long begin = System.nanoTime();
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.read(Settings.fromEnvironment());
        } catch (SettingsException e) {
            System.err.println("taskmon: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }

        StandaloneRuntime runtime;
        try {
            runtime = StandaloneRuntime.start(settings, (key, storedIn) ->
                    out.println("taskmon: generated ingest key " + key + " (stored in " + storedIn + ")"));
        } catch (SettingsException e) {
            System.err.println("taskmon: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        } catch (RuntimeException e) {
            System.err.println("taskmon: could not start: " + rootMessage(e));
            System.exit(EXIT_START_FAILED);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("taskmon: stopping");
            runtime.close();
            stopped.countDown();
        }, "taskmon-stop"));

        if (!runtime.awaitHealthy(READY_TIMEOUT, Duration.ofSeconds(10),
                down -> System.err.println("taskmon: waiting for " + String.join(", ", down)))) {
            System.err.println("taskmon: not healthy after " + READY_TIMEOUT.toSeconds() + " s; down: "
                    + String.join(", ", runtime.downComponentsWithReasons()));
            System.exit(EXIT_START_FAILED);
        }
        out.printf("taskmon ready in %.1f s: %s  ingest key: %s  postgres: %s%n",
                (System.nanoTime() - begin) / 1e9, runtime.baseUrl(), runtime.ingestKeyLocation(), runtime.jdbcUrl());
        stopped.await();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return error == root ? message : error.getMessage() + " (" + message + ")";
    }
}

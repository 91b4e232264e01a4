package io.taskmon.bench;

import io.taskmon.standalone.StandaloneSettings;
import java.util.function.Function;

/**
 * The sizes of {@code ./taskmon bench schedules}, from {@code taskmon.bench.schedules.NAME}
 * system properties or {@code TASKMON_BENCH_SCHEDULES_NAME} environment variables.
 *
 * @param monitors    scheduled monitors; one in a hundred goes silent after its first report
 * @param minutes     schedule time the benchmark lets pass; the slowest schedule of the mix (a
 *                    daily cron placed 75 minutes in, with 15 minutes of grace) needs 90
 * @param idleSeconds each idle measurement, ticks only; at most 58, as the window lies between
 *                    two whole minutes, where no deadline of the mix falls
 * @param partitions  of every topic, as {@code ./taskmon up} creates them
 * @param threads     stream threads, as {@code ./taskmon up} runs them
 */
record SchedulesSettings(int monitors, int minutes, int idleSeconds, int partitions, int threads) {

    static final int MAX_MONITORS = 1_000_000;
    static final int MAX_IDLE_SECONDS = 58;

    /** The full size, on this machine's cores. */
    static SchedulesSettings read(Function<String, String> lookup) {
        return new SchedulesSettings(
                setting(lookup, "monitors", 100_000, 100, MAX_MONITORS),
                setting(lookup, "minutes", 120, 1, 24 * 60),
                setting(lookup, "idle-seconds", 45, 1, MAX_IDLE_SECONDS),
                setting(lookup, "partitions", StandaloneSettings.DEFAULT_PARTITIONS, 1, 64),
                setting(lookup, "threads", StandaloneSettings.defaultStreamThreads(), 1, 64));
    }

    /** System properties first, then the environment. */
    static SchedulesSettings fromSystem() {
        return read(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(environmentName(name));
        });
    }

    private static int setting(Function<String, String> lookup, String name, int fallback, int min, int max) {
        String property = "taskmon.bench.schedules." + name;
        String value = lookup.apply(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the sentence below names the setting and the value given
        }
        throw new IllegalArgumentException("%s (%s) must be a whole number from %d to %d, got '%s'".formatted(
                environmentName(property), property, min, max, value.length() > 40 ? value.substring(0, 40) + "..." : value));
    }

    /** {@code taskmon.bench.schedules.idle-seconds} is {@code TASKMON_BENCH_SCHEDULES_IDLE_SECONDS}. */
    static String environmentName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}

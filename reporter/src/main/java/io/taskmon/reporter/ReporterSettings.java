package io.taskmon.reporter;

import io.taskmon.config.DurationText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to report, from the flags first and then the environment. The TC Portal
 * variables are read too, so a machine set up for its PowerShell sender needs no change.
 *
 * <p>A bad flag is a usage error (the person typing it is there to see it). A bad environment
 * value is only a notice and its default is used: the environment is shared by every command on
 * the machine, and one typo there must not stop them all.
 *
 * @param endpoint       the report URL, or {@code null} when reporting is off
 * @param key            the ingest key, or {@code null} when reporting is off
 * @param offBecause     why reporting is off, as one sentence; {@code null} when it is on
 * @param budget         the most the reporter may add to the command's wall time, JVM start included
 */
record ReporterSettings(URI endpoint, String key, String offBecause, Path spoolDir, Duration budget) {

    static final String DEFAULT_URL = "http://localhost:8080";
    static final String REPORT_PATH = "/api/monitor/report";
    /**
     * A few seconds: long enough to ride out a gateway restart or a slow answer, short enough
     * that a command scheduled every minute is not held up noticeably while the gateway is down.
     */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(3);

    /** A longer budget would let the reporter hold up a scheduled command for good. */
    static final Duration MAX_BUDGET = Duration.ofHours(1);

    /** Seconds without a unit, as the reporter read its timeout before taskmon had one duration grammar. */
    private static final Pattern BARE_SECONDS = Pattern.compile("\\d{1,7}(\\.\\d{1,3})?");

    boolean reportingOn() {
        return offBecause == null;
    }

    static ReporterSettings resolve(Map<String, String> env, String urlFlag, String keyFlag, Notices notices)
            throws UsageError {
        Path spoolDir = spoolDir(env);
        Duration budget = budget(env, notices);

        String key = firstSet(keyFlag, env.get("TASKMON_KEY"), env.get("TC_PORTAL_WEBHOOK_SECRET"));
        URI endpoint;
        if (urlFlag != null) {
            endpoint = endpoint(urlFlag);
            if (endpoint == null) {
                throw new UsageError("--url must be an http:// or https:// URL, got '" + urlFlag + "'");
            }
        } else {
            String fromEnv = firstSet(env.get("TASKMON_URL"), env.get("TC_PORTAL_BASE_URL"));
            endpoint = endpoint(fromEnv == null ? DEFAULT_URL : fromEnv);
            if (endpoint == null) {
                return new ReporterSettings(null, null, "TASKMON_URL (or TC_PORTAL_BASE_URL) is not an http:// or https://"
                        + " URL ('" + fromEnv + "'), so this run is not reported", spoolDir, budget);
            }
        }
        if (key == null) {
            return new ReporterSettings(null, null, "no key is set (TASKMON_KEY or TC_PORTAL_WEBHOOK_SECRET),"
                    + " so this run is not reported", spoolDir, budget);
        }
        return new ReporterSettings(endpoint, key, null, spoolDir, budget);
    }

    /** The report URL for a base URL; a URL that already names the report path is kept. */
    static URI endpoint(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.endsWith(REPORT_PATH)) {
            trimmed += REPORT_PATH;
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Path spoolDir(Map<String, String> env) {
        String configured = firstSet(env.get("TASKMON_SPOOL_DIR"));
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".taskmon", "spool");
    }

    private static Duration budget(Map<String, String> env, Notices notices) {
        String configured = firstSet(env.get("TASKMON_REPORT_TIMEOUT"));
        if (configured == null) {
            return DEFAULT_BUDGET;
        }
        Duration parsed = parseDuration(configured, notices);
        if (parsed == null) {
            notices.say("TASKMON_REPORT_TIMEOUT must be a whole number with a unit such as 500ms, 3s or 1m, at most "
                    + DurationText.format(MAX_BUDGET) + ", got '" + configured + "'; using "
                    + DurationText.format(DEFAULT_BUDGET));
            return DEFAULT_BUDGET;
        }
        return parsed;
    }

    /**
     * {@code TASKMON_REPORT_TIMEOUT} in taskmon's duration grammar ({@code 3s}, {@code 500ms}, {@code 1m}), at most
     * {@link #MAX_BUDGET}; {@code null} when it is not one. A bare number ({@code 2.5}) still means seconds,
     * with a notice saying how to write it.
     */
    static Duration parseDuration(String text, Notices notices) {
        Optional<Duration> parsed = DurationText.parse(text);
        boolean bareSeconds = parsed.isEmpty() && BARE_SECONDS.matcher(text.trim()).matches();
        if (bareSeconds) {
            parsed = Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000)));
        }
        if (parsed.isEmpty() || parsed.get().compareTo(MAX_BUDGET) > 0) {
            return null;
        }
        if (bareSeconds) {
            notices.say("TASKMON_REPORT_TIMEOUT=" + text.trim() + " has no unit and is read as seconds; please write "
                    + DurationText.format(parsed.get()) + " instead");
        }
        return parsed.get();
    }

    static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}

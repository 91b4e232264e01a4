package io.taskmon.reporter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
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

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)?");

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
        Duration parsed = parseDuration(configured);
        if (parsed == null) {
            notices.say("TASKMON_REPORT_TIMEOUT must be a time such as 3s, 2.5 or 500ms, got '" + configured
                    + "'; using " + DEFAULT_BUDGET.toMillis() + " ms");
            return DEFAULT_BUDGET;
        }
        return parsed;
    }

    /** {@code 3s}, {@code 2.5} (seconds) or {@code 500ms}; {@code null} when it is none of these. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = "ms".equals(m.group(2)) ? amount : amount * 1000;
        if (millis > Duration.ofHours(1).toMillis()) {
            return null;
        }
        return Duration.ofMillis(Math.round(millis));
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

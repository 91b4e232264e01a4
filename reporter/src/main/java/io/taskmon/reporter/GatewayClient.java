package io.taskmon.reporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One POST of a report to the gateway, sorted into the three outcomes the reporter acts on.
 *
 * <p>Built on {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter
 * sets up TLS and a selector thread when it is created and adds about half a second to every
 * start, which is most of the reporter's overhead on a short command.
 */
final class GatewayClient {

    /** What the gateway made of one attempt. */
    sealed interface Answer {
    }

    /** 2xx: the gateway holds the report. */
    record Accepted(int status) implements Answer {
    }

    /** The report itself was refused (4xx other than 408 and 429); sending it again cannot help. */
    record Refused(int status, String sentence) implements Answer {
    }

    /**
     * Not reachable, too slow, or busy (5xx, 408, 429): worth another try later.
     *
     * @param retryAfter the gateway's Retry-After, or {@code null}
     */
    record Unavailable(String reason, Duration retryAfter) implements Answer {
    }

    private static final Pattern ERROR_FIELD = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** Connecting takes milliseconds when the gateway is there; longer means it is not. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static {
        // HttpURLConnection silently resends a POST once on some connection errors; the retry
        // loop here is the only one, so every attempt is counted and bounded.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final URI endpoint;
    private final String key;

    GatewayClient(URI endpoint, String key) {
        this.endpoint = endpoint;
        this.key = key;
    }

    URI endpoint() {
        return endpoint;
    }

    Answer post(byte[] json, Duration timeout) {
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setDoOutput(true);
            connection.setConnectTimeout((int) Math.min(timeoutMs, MAX_CONNECT_TIMEOUT.toMillis()));
            connection.setReadTimeout(timeoutMs);
            // Not streaming mode: in it, a 401 throws away the answer, and with it the gateway's sentence.
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", "taskmon-report");
            // Both headers: the taskmon gateway takes either, a TC Portal server only the second.
            connection.setRequestProperty("Authorization", "Bearer " + key);
            connection.setRequestProperty("X-TC-Portal-Secret", key);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(json);
            }
            int status = connection.getResponseCode();
            String body = readAnswer(connection, status);
            if (status >= 200 && status < 300) {
                return new Accepted(status);
            }
            String sentence = errorSentence(body);
            if (status >= 500 || status == 408 || status == 429) {
                return new Unavailable(status + (sentence.isEmpty() ? "" : " " + sentence),
                        retryAfter(connection.getHeaderField("Retry-After")));
            }
            if (status >= 300 && status < 400) {
                return new Refused(status, "the gateway redirects to " + connection.getHeaderField("Location")
                        + "; set TASKMON_URL to that address");
            }
            return new Refused(status, sentence.isEmpty() ? "no reason given" : sentence);
        } catch (ConnectException e) {
            return new Unavailable("cannot connect (" + e.getMessage() + ")", null);
        } catch (SocketTimeoutException e) {
            return new Unavailable("no answer in time (" + e.getMessage() + ")", null);
        } catch (UnknownHostException e) {
            return new Unavailable("unknown host " + e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            return new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /** Reading the whole answer lets the connection be reused for the run's next report. */
    private static String readAnswer(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
        }
    }

    /** The gateway's one sentence from {@code {"error":"..."}}, or the start of whatever came back. */
    static String errorSentence(String body) {
        Matcher m = ERROR_FIELD.matcher(body);
        if (m.find()) {
            return unescape(m.group(1));
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c != '\\' || i + 1 >= quoted.length()) {
                out.append(c);
                continue;
            }
            char next = quoted.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < quoted.length()) {
                        try {
                            out.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException e) {
                            out.append("\\u");
                        }
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare from a gateway; the normal backoff applies
        }
    }
}

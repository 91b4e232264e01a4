package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An http(s) source served by a local server that fails in the ways real ones do. */
class HttpSourceTest {

    private static EtlHarness harness;
    private static HttpServer server;
    private static Path file;
    /** What the server does for each request, in order; when empty it serves the file. */
    private static final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        harness = new EtlHarness("etl_http");
        file = harness.generate("served.csv", 5_000, 5, 0.03);
        server = EtlHarness.serveDataCsv(HttpSourceTest::answer);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        harness.close();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String step = script.poll();
        if ("503".equals(step)) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        } else if ("404".equals(step)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        } else if ("drop".equals(step)) {
            // Hang up without an answer: the client sees a connection error.
            exchange.getResponseBody().close();
            exchange.close();
            throw new IOException("dropping the connection on purpose");
        } else {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        }
    }

    private static String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data.csv";
    }

    private static UUID latestRun() {
        return UUID.fromString(harness.text("select id::text from etl.job_runs order by started_at desc limit 1"));
    }

    @Test
    void aSourceAnswering503AndDroppingConnectionsIsRetriedAndThenLoaded() {
        script.clear();
        script.addAll(List.of("503", "drop"));
        requests.set(0);

        EtlHarness.Run run = harness.etl("load", "--source", url(), "--yes", "--retry-backoff-ms", "10");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        // The JDK client may itself retry a GET on a dropped connection once, so at least three.
        assertThat(requests.get()).isGreaterThanOrEqualTo(3);
        assertThat(harness.count("select count(*) from etl.business_registration")).isPositive();
        assertThat(harness.text("select concat_ws(',', status, source, total_bytes) from etl.job_runs where id = '"
                + latestRun() + "'")).isEqualTo("success," + url() + "," + file.toFile().length());
    }

    @Test
    void aSourceThatKeepsFailingFailsTheRunClearlyAfterThreeTries() {
        script.clear();
        script.addAll(List.of("503", "503", "503", "503"));
        requests.set(0);

        EtlHarness.Run run = harness.etl("load", "--source", url(), "--yes", "--retry-backoff-ms", "10");

        assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(requests.get()).isEqualTo(3);
        assertThat(run.out()).contains("Status:       failed", "cannot fetch " + url() + ": HTTP 503 on each of 3 tries");
        assertThat(run.err()).doesNotContain("Exception");
        UUID id = latestRun();
        assertThat(harness.text("select concat_ws(',', status, last_committed_batch) from etl.job_runs where id = '"
                + id + "'")).isEqualTo("failed,0");
        List<ProgressEvents.Received> events = ProgressEvents.ofRun(id);
        assertThat(events).extracting(r -> r.event().getClass().getSimpleName())
                .containsExactly("JobStarted", "JobFinished");
        EtlProgress.JobFinished finished = ProgressEvents.only(events, EtlProgress.JobFinished.class).get(0);
        assertThat(finished.status()).isEqualTo(EtlJobState.FAILED);
        assertThat(finished.errorMessage()).contains("HTTP 503 on each of 3 tries");
    }

    @Test
    void anUnreachableSourceFailsTheRunAfterThreeTriesNamingTheConnectionError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/data.csv";

        EtlHarness.Run run = harness.etl("load", "--source", unreachable, "--yes", "--retry-backoff-ms", "10", "--no-events");

        assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(run.out()).contains("cannot fetch " + unreachable + ": connection error (ConnectException",
                "on each of 3 tries");
    }

    @Test
    void aClientErrorIsNotRetried() {
        script.clear();
        script.add("404");
        requests.set(0);

        EtlHarness.Run run = harness.etl("load", "--source", url(), "--yes", "--retry-backoff-ms", "10", "--no-events");

        assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(requests.get()).isEqualTo(1);
        assertThat(run.out()).contains("answered HTTP 404; not retried");
    }
}

package io.taskmon.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every 4xx, ours or the framework's, is {"error": "<one sentence>"} over real HTTP. */
class ErrorAnswerTest {

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.max-request-size", "1KB",
                "taskmon.web.test", "true"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldAnswerARejectionWithItsStatusAndSentence() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/test/missing")).GET());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":\"There is no monitor m-1\"}");
        assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void shouldTellATemporaryRefusalWhenToRetry() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/test/busy")).GET());
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Too many reports for this key; retry after 3 s\"}");
        assertThat(answer.headers().firstValue("Retry-After")).contains("3");
    }

    @Test
    void shouldAnswerTheFrameworksOwnRefusalsInTheSameShape() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/test/nothing-here")).GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"There is no endpoint at GET /test/nothing-here\"}");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/test/missing"))
                .DELETE());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("{\"error\":\"Method DELETE is not allowed on /test/missing\"}");

        HttpResponse<String> tooLarge = send(HttpRequest.newBuilder(uri("/test/echo"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo("{\"error\":\"" + FrameworkErrorBody.BODY_TOO_LARGE + "\"}");
    }

    private static URI uri(String path) {
        return server.getURI().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.taskmon.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for gateway tests: what any curl or PowerShell sender would do. */
final class GatewayClient {

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body.path("error").asText(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    GatewayClient(URI base) {
        this.base = base;
    }

    Answer post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    Answer report(String json, String key) {
        return post("/api/monitor/report", "application/json", json, "Authorization", "Bearer " + key);
    }

    /** A GET whose answer is not JSON; {@code body()} is empty, the text is in {@code raw()}. */
    Answer getText(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), EventJson.mapper().createObjectNode(), response);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer batch(String contentType, String body, String key) {
        return post("/api/monitor/reports", contentType, body, "Authorization", "Bearer " + key);
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = response.body().isEmpty()
                    ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

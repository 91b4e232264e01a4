package io.taskmon.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskmon.events.EventJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A real HTTP receiver on loopback for JSON posts (Slack, PagerDuty): keeps each body and answers as told. */
final class JsonReceiver implements AutoCloseable {

    /** One request as received, with what it was answered and when. */
    record Received(String path, JsonNode body, int answeredStatus, long receivedAtMillis) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntFunction<WebhookReceiver.Answer> behaviour = n -> WebhookReceiver.Answer.status(200);

    JsonReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    void answer(IntFunction<WebhookReceiver.Answer> answers) {
        behaviour = answers;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> taken() {
        return received.stream().filter(r -> r.answeredStatus() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        WebhookReceiver.Answer answer = behaviour.apply(requests.getAndIncrement());
        JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
        received.add(new Received(exchange.getRequestURI().getPath(), body, answer.status(), System.currentTimeMillis()));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

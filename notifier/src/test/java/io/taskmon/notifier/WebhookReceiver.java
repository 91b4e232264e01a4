package io.taskmon.notifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver on loopback that checks each webhook's signature the way the Standard
 * Webhooks specification says, written here from the specification and not with the notifier's
 * own signing code, and answers as the test tells it.
 */
final class WebhookReceiver implements AutoCloseable {

    /** What the receiver answers: a status, an optional Retry-After, and how long it stalls first. */
    record Answer(int status, String retryAfter, long stallMillis) {
        static Answer status(int status) {
            return new Answer(status, null, 0);
        }
    }

    /** One request as received, with whether its signature held and what it was answered. */
    record Received(String webhookId, long timestamp, String body, boolean signatureValid, int answeredStatus,
                    long receivedAtMillis) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntFunction<Answer> behaviour = n -> Answer.status(204);

    WebhookReceiver(String secret) throws IOException {
        this(secret, 0);
    }

    /** On a given port: a receiver back on the address it had before it went down. */
    WebhookReceiver(String secret, int port) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The answer to each request, by its number counted from 0. */
    void answer(IntFunction<Answer> answers) {
        behaviour = answers;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T0K3N-secret-path?token=abc";
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Requests this receiver took (answered 2xx), for the given webhook id. */
    long taken(String webhookId) {
        return received.stream().filter(r -> r.webhookId().equals(webhookId) && r.answeredStatus() / 100 == 2).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.getAndIncrement();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        Answer answer = behaviour.apply(number);
        if (answer.stallMillis() > 0) {
            try {
                Thread.sleep(answer.stallMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        received.add(new Received(id, timestamp == null ? -1 : Long.parseLong(timestamp),
                new String(body, StandardCharsets.UTF_8), verify(id, timestamp, body, signatures),
                answer.status(), System.currentTimeMillis()));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    /** The specification: HMAC-SHA256 over "id.timestamp.body", keyed by the base64 after whsec_, any of the space-separated v1 signatures. */
    private boolean verify(String id, String timestamp, byte[] body, String signatures) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.split("_", 2)[1]);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] expected = hmac.doFinal(signed);
            for (String signature : signatures.split(" ")) {
                String[] parts = signature.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

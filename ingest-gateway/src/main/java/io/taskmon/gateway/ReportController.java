package io.taskmon.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.taskmon.web.RequestRejected;
import io.taskmon.web.RequestRejectedHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * {@code POST /api/monitor/report} and {@code POST /api/monitor/reports}: decode the request,
 * hand it to {@link ReportIngest}, turn the outcome into the answer. Nothing here blocks, so
 * the methods run on the HTTP event loop and the answer is written when Kafka acknowledges.
 */
@Requires(beans = GatewaySettings.class)
@Controller("/api/monitor")
public class ReportController {

    static final String TC_PORTAL_SECRET_HEADER = "X-TC-Portal-Secret";
    static final MediaType NDJSON = MediaType.of("application/x-ndjson");

    private final ReportIngest ingest;

    ReportController(ReportIngest ingest) {
        this.ingest = ingest;
    }

    // Any content type is let in so that a wrong one gets our own 400 sentence, not a bare 415.
    // The hot path: headers are read straight from the request and the answer is written as
    // bytes (ReportAccepted.toJson), which spares the framework's argument binding and encoder.
    @Post(uri = "/report", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> report(HttpRequest<?> request, @Nullable @Body byte[] body) {
        HttpHeaders headers = request.getHeaders();
        int key = ingest.authorize(headers.get(HttpHeaders.AUTHORIZATION), headers.get(TC_PORTAL_SECRET_HEADER));
        if (!isJson(request.getContentType().orElse(null))) {
            throw RequestRejected.badRequest("Content-Type must be application/json");
        }
        return ingest.report(key, body, eventLoopOf(request)).handle((accepted, error) -> error == null
                ? HttpResponse.ok(accepted.toJson()).contentType(MediaType.APPLICATION_JSON_TYPE)
                : RequestRejectedHandler.answer(ReportIngest.rejection(error)));
    }

    @Post(uri = "/reports", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> reports(
            HttpRequest<?> request,
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Header(TC_PORTAL_SECRET_HEADER) String tcPortalSecret,
            @Nullable @Body byte[] body) {
        int key = ingest.authorize(authorization, tcPortalSecret);
        MediaType type = request.getContentType().orElse(null);
        boolean ndjson = isNdjson(type);
        if (!ndjson && !isJson(type)) {
            throw RequestRejected.badRequest(
                    "Content-Type must be application/json (a JSON array) or application/x-ndjson (one report a line)");
        }
        return ingest.batch(key, body, ndjson, eventLoopOf(request)).thenApply(answer -> {
            MutableHttpResponse<BatchAnswer> response = HttpResponse.status(answer.httpStatus()).body(answer);
            if (answer.kafkaRefusedAny()) {
                response.header(HttpHeaders.RETRY_AFTER, Integer.toString(RunPublisher.RETRY_AFTER_SECONDS));
            }
            return response;
        });
    }

    /**
     * The thread that writes the answer: finishing there saves a hop per request. Outside Netty
     * (never, in practice) the common pool does, so the producer's I/O thread never writes answers.
     */
    private static Executor eventLoopOf(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty
                ? netty.getChannelHandlerContext().channel().eventLoop()
                : ForkJoinPool.commonPool();
    }

    private static boolean isJson(MediaType type) {
        return type != null && "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    private static boolean isNdjson(MediaType type) {
        return type != null && "application".equals(type.getType())
                && ("x-ndjson".equals(type.getSubtype()) || "ndjson".equals(type.getSubtype()));
    }
}

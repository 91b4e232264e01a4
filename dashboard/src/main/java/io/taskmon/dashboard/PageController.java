package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.taskmon.web.RequestRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The web pages: one HTML shell for every page path (the script draws the page the path names
 * from the JSON API) and a fixed set of assets shipped in the jar, so nothing comes from a CDN
 * and no path can reach other resources.
 */
@Requires(beans = DashboardSettings.class)
@Controller
public class PageController {

    private static final String UI = "/io/taskmon/dashboard/ui/";
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private static final Map<String, MediaType> ASSETS = Map.of(
            "app.js", MediaType.of("text/javascript;charset=utf-8"),
            "app.css", MediaType.of("text/css;charset=utf-8"),
            "favicon.svg", MediaType.of("image/svg+xml"));

    private final byte[] shell = resource("index.html");
    private final Map<String, byte[]> assets = Map.of(
            "app.js", resource("app.js"), "app.css", resource("app.css"), "favicon.svg", resource("favicon.svg"));

    @Get
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/incidents"));
    }

    @Get("/incidents")
    public HttpResponse<byte[]> incidents() {
        return page();
    }

    @Get("/monitors")
    public HttpResponse<byte[]> monitors() {
        return page();
    }

    @Get("/monitors/{monitorId}")
    public HttpResponse<byte[]> monitor(String monitorId) {
        return page();
    }

    @Get("/alerts")
    public HttpResponse<byte[]> alerts() {
        return page();
    }

    @Get("/alerts/{alertId}")
    public HttpResponse<byte[]> alert(String alertId) {
        return page();
    }

    @Get("/dead-letters")
    public HttpResponse<byte[]> deadLetters() {
        return page();
    }

    @Get("/etl")
    public HttpResponse<byte[]> etlJobs() {
        return page();
    }

    @Get("/etl/{jobRunId}")
    public HttpResponse<byte[]> etlJob(String jobRunId) {
        return page();
    }

    @Get("/assets/{name}")
    public HttpResponse<byte[]> asset(String name) {
        MediaType type = ASSETS.get(name);
        if (type == null) {
            throw RequestRejected.notFound("There is no asset " + name);
        }
        return HttpResponse.ok(assets.get(name)).contentType(type).header("Cache-Control", "no-cache");
    }

    private HttpResponse<byte[]> page() {
        return HttpResponse.ok(shell).contentType(HTML).header("Cache-Control", "no-cache");
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageController.class.getResourceAsStream(UI + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard jar lacks " + UI + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

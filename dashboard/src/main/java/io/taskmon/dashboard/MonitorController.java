package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.taskmon.events.MonitorHealth;
import io.taskmon.events.MonitorSettingChanged;
import io.taskmon.events.WireName;
import io.taskmon.readmodel.MonitorFilter;
import io.taskmon.readmodel.MonitorOrder;
import io.taskmon.web.RequestRejected;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code /api/monitors}: the monitors list, one monitor, its runs, flips and hourly stats; the
 * admin changes: enable/disable, create ahead of the first run, replace the configuration, delete.
 */
@Requires(beans = DashboardSettings.class)
@Controller("/api/monitors")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MonitorController {

    /** Every health a monitor can show, schedules' included, so that a list of missed monitors can be asked for. */
    static final List<String> HEALTH = Stream.of(MonitorHealth.values()).map(WireName::wireName).toList();

    /** What a created, configured or deleted monitor answers: its id and the change's event id. */
    public record Changed(UUID monitorId, UUID eventId) {
        static Changed of(MonitorSettingChanged change) {
            return new Changed(change.monitorId(), change.eventId());
        }
    }

    /**
     * The monitors list's first name for {@code health}; deprecated because on a monitor's runs
     * {@code status} is the run's status. Still read, so that saved links keep working.
     */
    static final String DEPRECATED_HEALTH = "status";
    static final List<String> RUN_STATUS = List.of("success", "failed", "running");
    static final List<String> ORDERS = Arrays.stream(MonitorOrder.values()).map(MonitorOrder::parameterValue).toList();
    static final int MAX_LIMIT = 200;
    static final int MAX_RUN_LIMIT = 500;
    static final int MAX_OFFSET = 100_000;
    /** Up to 90 days of hourly points: more would not fit a chart anyway. */
    static final int MAX_HOURS = 24 * 90;
    /** A week of expected times still tells apart on one strip; longer is what stats are for. */
    static final int MAX_TIMELINE_HOURS = 24 * 7;

    private final MonitorReader reader;
    private final MonitorSettings settings;
    private final MonitorAdmin admin;
    private final DashboardAccess access;

    MonitorController(MonitorReader reader, MonitorSettings settings, MonitorAdmin admin, DashboardAccess access) {
        this.reader = reader;
        this.settings = settings;
        this.admin = admin;
        this.access = access;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list(HttpRequest<?> request) {
        Params params = Params.of(request, "health", DEPRECATED_HEALTH, "last_status", "kind", "machine", "enabled",
                "q", "sort", "limit", "offset");
        MonitorFilter filter = new MonitorFilter(
                health(params),
                params.choice("last_status", RUN_STATUS),
                params.slug("kind"),
                params.text("machine", 200),
                params.bool("enabled"),
                Params.containsPattern(params.text("q", 200)));
        String sort = params.choice("sort", ORDERS);
        MonitorOrder order = sort == null ? MonitorOrder.KEY : MonitorOrder.valueOf(sort.toUpperCase());
        return Json.ok(reader.monitors(filter, order, params.bounded("limit", 50, 1, MAX_LIMIT),
                params.bounded("offset", 0, 0, MAX_OFFSET)));
    }

    private static String health(Params params) {
        String health = params.choice("health", HEALTH);
        String deprecated = params.choice(DEPRECATED_HEALTH, HEALTH);
        if (health != null && deprecated != null) {
            throw RequestRejected.badRequest("Give health only: status is its deprecated name on /api/monitors");
        }
        return health != null ? health : deprecated;
    }

    @Get(uri = "/{monitorId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> monitor(String monitorId, HttpRequest<?> request) {
        Params.of(request);
        return Json.ok(reader.monitor(Params.uuid("monitor_id", monitorId)));
    }

    @Get(uri = "/{monitorId}/runs", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> runs(String monitorId, HttpRequest<?> request) {
        UUID id = Params.uuid("monitor_id", monitorId);
        Params params = Params.of(request, "status", "limit", "offset");
        return Json.ok(reader.runs(id, params.choice("status", RUN_STATUS),
                params.bounded("limit", 50, 1, MAX_RUN_LIMIT), params.bounded("offset", 0, 0, MAX_OFFSET)));
    }

    @Get(uri = "/{monitorId}/flips", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> flips(String monitorId, HttpRequest<?> request) {
        UUID id = Params.uuid("monitor_id", monitorId);
        Params params = Params.of(request, "limit", "offset");
        return Json.ok(reader.flips(id, params.bounded("limit", 50, 1, MAX_LIMIT),
                params.bounded("offset", 0, 0, MAX_OFFSET)));
    }

    @Get(uri = "/{monitorId}/stats", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> stats(String monitorId, HttpRequest<?> request) {
        UUID id = Params.uuid("monitor_id", monitorId);
        Params params = Params.of(request, "hours");
        return Json.ok(reader.stats(id, params.bounded("hours", 24 * 7, 1, MAX_HOURS)));
    }

    /** Expected against actual runs over the last {@code hours} hours (default 24, at most a week). */
    @Get(uri = "/{monitorId}/timeline", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> timeline(String monitorId, HttpRequest<?> request) {
        UUID id = Params.uuid("monitor_id", monitorId);
        Params params = Params.of(request, "hours");
        return Json.ok(reader.timeline(id, params.bounded("hours", 24, 1, MAX_TIMELINE_HOURS)));
    }

    // Any content type is let in so that a wrong body gets our own 400 sentence, not a bare 415.
    @Put(uri = "/{monitorId}/enabled", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> setEnabled(String monitorId, HttpRequest<?> request,
                                           @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                           @Nullable @Body byte[] body) {
        access.requireWriter(authorization);
        UUID id = Params.uuid("monitor_id", monitorId);
        Params.of(request);
        boolean enabled = MonitorSettings.parseEnabled(body);
        return Json.status(HttpStatus.ACCEPTED, settings.setEnabled(id, enabled));
    }

    /** Creates a monitor ahead of its first run; 201 with the id its reports will have. */
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> create(HttpRequest<?> request,
                                       @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                       @Nullable @Body byte[] body) {
        access.requireWriter(authorization);
        Params.of(request);
        MonitorSettingChanged change = admin.create(MonitorBody.newMonitor(body));
        return Json.status(HttpStatus.CREATED, Changed.of(change));
    }

    @Put(uri = "/{monitorId}/config", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> configure(String monitorId, HttpRequest<?> request,
                                          @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                          @Nullable @Body byte[] body) {
        access.requireWriter(authorization);
        UUID id = Params.uuid("monitor_id", monitorId);
        Params.of(request);
        return Json.status(HttpStatus.ACCEPTED, Changed.of(admin.configure(id, MonitorBody.configuration(body))));
    }

    @Delete(uri = "/{monitorId}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> delete(String monitorId, HttpRequest<?> request,
                                       @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        access.requireWriter(authorization);
        UUID id = Params.uuid("monitor_id", monitorId);
        Params.of(request);
        return Json.status(HttpStatus.ACCEPTED, Changed.of(admin.delete(id)));
    }
}

package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** {@code /api/etl/jobs}: ETL job runs (running first) and one run with its batches and import errors. */
@Requires(beans = DashboardSettings.class)
@Controller("/api/etl/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EtlController {

    static final List<String> STATUSES = List.of("running", "stalled", "success", "failed");
    /** The successful run was once stored and filtered as {@code succeeded}; saved links still say so. */
    static final Map<String, String> OLD_SPELLINGS = Map.of("succeeded", "success");

    private final EtlReader reader;

    EtlController(EtlReader reader) {
        this.reader = reader;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> jobs(HttpRequest<?> request) {
        Params params = Params.of(request, "status", "limit", "offset");
        String status = params.choice("status", STATUSES, OLD_SPELLINGS);
        return Json.ok(reader.jobs(status,
                params.bounded("limit", 50, 1, MonitorController.MAX_LIMIT),
                params.bounded("offset", 0, 0, MonitorController.MAX_OFFSET)));
    }

    @Get(uri = "/{jobRunId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> job(String jobRunId, HttpRequest<?> request) {
        Params params = Params.of(request, "batches_limit", "errors_limit", "errors_offset");
        return Json.ok(reader.job(Params.uuid("job_run_id", jobRunId),
                params.bounded("batches_limit", 100, 1, 1000),
                params.bounded("errors_limit", 100, 1, 1000),
                params.bounded("errors_offset", 0, 0, MonitorController.MAX_OFFSET)));
    }
}

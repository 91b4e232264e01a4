package io.taskmon.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /api/etl/jobs}: ETL job runs (running first) and one run with its batches and import errors. */
@Requires(beans = DashboardSettings.class)
@Controller("/api/etl/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EtlController {


    private final EtlReader reader;

    EtlController(EtlReader reader) {
        this.reader = reader;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> jobs(HttpRequest<?> request) {
        Params params = Params.of(request, "status", "limit", "offset");
        String status = EtlJobStatusWords.stored(params.choice("status", EtlJobStatusWords.STATUSES,
                EtlJobStatusWords.OLD_SPELLINGS));
        return Json.ok(EtlJobStatusWords.spoken(reader.jobs(status,
                params.bounded("limit", 50, 1, MonitorController.MAX_LIMIT),
                params.bounded("offset", 0, 0, MonitorController.MAX_OFFSET))));
    }

    @Get(uri = "/{jobRunId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> job(String jobRunId, HttpRequest<?> request) {
        Params params = Params.of(request, "batches_limit", "errors_limit", "errors_offset");
        return Json.ok(EtlJobStatusWords.spoken(reader.job(Params.uuid("job_run_id", jobRunId),
                params.bounded("batches_limit", 100, 1, 1000),
                params.bounded("errors_limit", 100, 1, 1000),
                params.bounded("errors_offset", 0, 0, MonitorController.MAX_OFFSET))));
    }
}

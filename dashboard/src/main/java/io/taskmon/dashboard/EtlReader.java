package io.taskmon.dashboard;

import io.taskmon.readmodel.EtlImportErrorCount;
import io.taskmon.readmodel.EtlImportErrorDao;
import io.taskmon.readmodel.EtlImportErrorRow;
import io.taskmon.readmodel.EtlJobBatchDao;
import io.taskmon.readmodel.EtlJobBatchRow;
import io.taskmon.readmodel.EtlJobRunDao;
import io.taskmon.readmodel.EtlJobRunRow;
import io.taskmon.web.RequestRejected;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** ETL job runs: the list (running first) and one job with its batches and rejected rows. */
public final class EtlReader {

    public record JobPage(List<EtlJobRunRow> jobs, int limit, int offset, boolean hasMore) {
    }

    /**
     * One job run. {@code importErrorCounts} covers every rejected row; {@code importErrors}
     * is one page of them in file order.
     */
    public record JobDetail(EtlJobRunRow job, List<EtlJobBatchRow> batches, List<EtlImportErrorCount> importErrorCounts,
                            long importErrorTotal, List<EtlImportErrorRow> importErrors, int errorsLimit,
                            int errorsOffset) {
    }

    private final EtlJobRunDao jobs;
    private final EtlJobBatchDao batches;
    private final EtlImportErrorDao importErrors;

    public EtlReader(Jdbi jdbi) {
        this.jobs = jdbi.onDemand(EtlJobRunDao.class);
        this.batches = jdbi.onDemand(EtlJobBatchDao.class);
        this.importErrors = jdbi.onDemand(EtlImportErrorDao.class);
    }

    public JobPage jobs(String status, int limit, int offset) {
        List<EtlJobRunRow> page = jobs.list(status, limit + 1, offset);
        return new JobPage(page.subList(0, Math.min(limit, page.size())), limit, offset, page.size() > limit);
    }

    public JobDetail job(UUID jobRunId, int batchLimit, int errorsLimit, int errorsOffset) {
        EtlJobRunRow job = jobs.find(jobRunId)
                .orElseThrow(() -> RequestRejected.notFound("There is no ETL job run " + jobRunId));
        List<EtlImportErrorCount> counts = importErrors.countsByType(jobRunId);
        return new JobDetail(job, batches.newestFirst(jobRunId, batchLimit), counts,
                counts.stream().mapToLong(EtlImportErrorCount::count).sum(),
                importErrors.inFileOrder(jobRunId, errorsLimit, errorsOffset), errorsLimit, errorsOffset);
    }
}

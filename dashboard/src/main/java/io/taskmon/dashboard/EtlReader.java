package io.taskmon.dashboard;

import io.taskmon.dashboard.db.EtlBatchDao;
import io.taskmon.dashboard.db.EtlBatchRow;
import io.taskmon.dashboard.db.EtlJobDao;
import io.taskmon.dashboard.db.EtlJobRow;
import io.taskmon.dashboard.db.ImportErrorCount;
import io.taskmon.dashboard.db.ImportErrorDao;
import io.taskmon.dashboard.db.ImportErrorRow;
import io.taskmon.web.RequestRejected;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** ETL job runs: the list (running first) and one job with its batches and rejected rows. */
public final class EtlReader {

    public record JobPage(List<EtlJobRow> jobs, int limit, int offset, boolean hasMore) {
    }

    /**
     * One job run. {@code importErrorCounts} covers every rejected row; {@code importErrors}
     * is one page of them in file order.
     */
    public record JobDetail(EtlJobRow job, List<EtlBatchRow> batches, List<ImportErrorCount> importErrorCounts,
                            long importErrorTotal, List<ImportErrorRow> importErrors, int errorsLimit,
                            int errorsOffset) {
    }

    private final EtlJobDao jobs;
    private final EtlBatchDao batches;
    private final ImportErrorDao importErrors;

    public EtlReader(Jdbi jdbi) {
        this.jobs = jdbi.onDemand(EtlJobDao.class);
        this.batches = jdbi.onDemand(EtlBatchDao.class);
        this.importErrors = jdbi.onDemand(ImportErrorDao.class);
    }

    public JobPage jobs(String status, int limit, int offset) {
        List<EtlJobRow> page = jobs.list(status, limit + 1, offset);
        return new JobPage(page.subList(0, Math.min(limit, page.size())), limit, offset, page.size() > limit);
    }

    public JobDetail job(UUID jobRunId, int batchLimit, int errorsLimit, int errorsOffset) {
        EtlJobRow job = jobs.find(jobRunId)
                .orElseThrow(() -> RequestRejected.notFound("There is no ETL job run " + jobRunId));
        List<ImportErrorCount> counts = importErrors.countsByType(jobRunId);
        return new JobDetail(job, batches.newestFirst(jobRunId, batchLimit), counts,
                counts.stream().mapToLong(ImportErrorCount::count).sum(),
                importErrors.inFileOrder(jobRunId, errorsLimit, errorsOffset), errorsLimit, errorsOffset);
    }
}

package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.etl.generate.TaxRegistrationGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch ends at its chunk size or at its byte limit, whichever comes first: the largest chunk
 * size loads in the default heap, and a resume skips exactly the rows the failed runs committed.
 */
class BatchBytesLimitTest {

    private static final String LARGEST_CHUNK = "1000000";
    /** About 80 MB held in batches: five or more batches of at most 16 MB. */
    private static final long ROWS = 200_000;
    private static final String LATEST_RUN = "(select id from etl.job_runs order by started_at desc limit 1)";
    private static EtlHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new EtlHarness("etl_batch_bytes");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void batchesEndByBytesAndResumesOfResumesSkipExactlyTheCommittedRows() throws Exception {
        Path file = harness.dir.resolve("wide-batches.csv");
        TaxRegistrationGenerator.Counts counts = harness.generateCounted(file, ROWS, 13, 0.03);
        assertThat(harness.etl("load", "--source", file.toString(), "--yes", "--chunk-size", LARGEST_CHUNK).exitCode())
                .isZero();
        String clean = harness.contentDigest();
        assertThat(harness.count("select count(*) from etl.job_batches where job_run_id = " + LATEST_RUN))
                .isGreaterThanOrEqualTo(5);
        assertThat(harness.count("select max(rows_read) from etl.job_batches where job_run_id = " + LATEST_RUN))
                .isLessThan(ROWS);
        assertThat(harness.count("select sum(rows_read) from etl.job_batches where job_run_id = " + LATEST_RUN))
                .isEqualTo(ROWS);
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        String banInBatch2 = harness.text("select min(ban) from etl.business_registration where batch_number = 2");
        String banInBatch4 = harness.text("select min(ban) from etl.business_registration where batch_number = 4");

        harness.refuseBan("refuse_batch_2", banInBatch2);
        EtlHarness.Run first = harness.etl("load", "--source", file.toString(), "--yes", "--chunk-size", LARGEST_CHUNK);
        assertThat(first.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(first.out()).contains("batch 2 could not be committed", "refuse_batch_2");

        harness.allowAgain("refuse_batch_2");
        harness.refuseBan("refuse_batch_4", banInBatch4);
        EtlHarness.Run second = harness.etl("load", "--resume");
        assertThat(second.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(second.out()).contains("Mode:         resume (after batch 1)", "batch 4 could not be committed");

        harness.allowAgain("refuse_batch_4");
        EtlHarness.Run third = harness.etl("load", "--resume");

        assertThat(third.exitCode()).as(third.err() + third.out()).isZero();
        assertThat(third.out()).contains("Mode:         resume (after batch 3)");
        assertThat(harness.contentDigest()).isEqualTo(clean);
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        assertThat(harness.list("select concat_ws(',', mode, status, last_committed_batch, rows_read) from etl.job_runs"
                + " order by started_at desc limit 3")).hasSize(3)
                .first().asString().startsWith("resume,success,");
        assertThat(harness.count("select sum(rows_read) from (select rows_read from etl.job_runs"
                + " order by started_at desc limit 3) chain")).isEqualTo(ROWS);
    }

    @Test
    void theLargestChunkSizeLoadsInTheDefault256MegabyteHeap() throws Exception {
        // 300,000 rows in one batch of a million rows ran out of a 256 MB heap before batches ended by bytes.
        Path file = harness.dir.resolve("one-big-chunk.csv");
        TaxRegistrationGenerator.Counts counts = harness.generateCounted(file, 300_000, 17, 0.02);

        Process worker = harness.startWorker("big-chunk", List.of("load", "--source", file.toString(), "--yes",
                "--no-progress", "--chunk-size", LARGEST_CHUNK, "--log-file", harness.dir.resolve("big-chunk.jsonl").toString()));

        assertThat(worker.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = harness.workerOutput("big-chunk");
        assertThat(worker.exitValue()).as(output).isZero();
        assertThat(output).contains("Status:       success").doesNotContain("heap space");
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        assertThat(harness.count("select count(*) from etl.job_batches where job_run_id = " + LATEST_RUN))
                .isGreaterThan(1);
    }
}

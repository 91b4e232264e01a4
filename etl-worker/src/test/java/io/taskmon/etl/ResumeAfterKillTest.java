package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker process killed with SIGKILL in the middle of a run, then resumed: the tables end up
 * exactly as after a clean run, with no row twice.
 */
class ResumeAfterKillTest {

    private static final int CHUNK = 500;

    @Test
    void aRunKilledMidwayAndResumedEndsExactlyLikeACleanRun() throws Exception {
        try (EtlHarness killed = new EtlHarness("etl_killed"); EtlHarness clean = new EtlHarness("etl_clean")) {
            Path file = killed.generate("registrations.csv", 8_000, 11, 0.04);
            assertThat(clean.etl("load", "--source", file.toString(), "--yes", "--chunk-size", "" + CHUNK).exitCode())
                    .isZero();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

            // The worker reads standard input, so the test decides where it stands when it dies:
            // five whole batches and part of the sixth are fed, then the process is killed.
            Process worker = killed.startWorker("worker", List.of("load", "--source", "-", "--yes", "--chunk-size", "" + CHUNK,
                    "--no-progress", "--log-file", killed.dir.resolve("worker.jsonl").toString()));
            try (OutputStream stdin = worker.getOutputStream()) {
                stdin.write(String.join("\n", lines.subList(0, 1 + 5 * CHUNK + 200)).concat("\n")
                        .getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> killed.count(
                        "select coalesce(max(last_committed_batch), 0) from etl.job_runs where status = 'running'") == 5);
                worker.destroyForcibly();
                assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } catch (java.io.IOException closedByTheKill) {
                // Closing stdin of a killed process may fail; the kill is what matters here.
            }
            assertThat(worker.exitValue()).isEqualTo(137);
            assertThat(killed.text("select concat_ws(',', status, last_committed_batch) from etl.job_runs"))
                    .isEqualTo("running,5");
            assertThat(killed.count("select count(distinct batch_number) from etl.business_registration")).isEqualTo(5);
            // The server ends the dead session and its advisory lock with it.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    killed.count("select count(*) from pg_locks where locktype = 'advisory'") == 0);

            EtlHarness.Run resumed = killed.etl("load", "--resume", "--source", file.toString());

            assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
            assertThat(resumed.out()).contains("Mode:         resume (after batch 5)");
            assertThat(killed.contentDigest()).isEqualTo(clean.contentDigest());
            assertThat(killed.count("select count(*) from etl.business_registration"))
                    .isEqualTo(clean.count("select count(*) from etl.business_registration"))
                    .isEqualTo(killed.count("select count(distinct ban) from etl.business_registration"));
            assertThat(killed.list("select concat_ws(',', mode, status, last_committed_batch) from etl.job_runs"
                    + " order by started_at")).containsExactly("full,failed,5", "resume,success,16");
            assertThat(killed.text("select error_message from etl.job_runs where mode = 'full'"))
                    .isEqualTo("the worker stopped without finishing (crashed or killed) after batch 5");
        }
    }

}

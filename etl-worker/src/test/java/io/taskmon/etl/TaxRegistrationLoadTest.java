package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.etl.load.AdvisoryLock;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads into a real PostgreSQL with progress events on the real broker. */
class TaxRegistrationLoadTest {

    private static final long ROWS = 12_000;
    private static EtlHarness harness;
    private static Path file;
    private static TaxRegistrationGenerator.Counts counts;

    @BeforeAll
    static void generate() throws Exception {
        harness = new EtlHarness("etl_load");
        file = harness.dir.resolve("registrations.csv");
        counts = harness.generateCounted(file, ROWS, 7, 0.05);
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    /** A port nothing listens on: taken from the OS, then released. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static UUID latestRun() {
        return UUID.fromString(harness.text("select id::text from etl.job_runs order by started_at desc limit 1"));
    }

    @Test
    void fullLoadStoresEachValidRowOnceRecordsEveryRejectionAndSendsOrderedEventsThatSumToTheTables() {
        EtlHarness.Run run = harness.etl("load", "--source", file.toString(), "--yes", "--chunk-size", "1000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Status:       success", "Rows read:    12,000");
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        assertThat(harness.count("select count(distinct ban) from etl.business_registration")).isEqualTo(counts.valid());
        Map<String, Long> expectedRejections = Map.of("INVALID_BAN", counts.invalidBan(),
                "MISSING_FIELD", counts.missingField(), "DUPLICATE", counts.duplicate(), "BAD_NUMBER", counts.badNumber());
        expectedRejections.forEach((type, n) -> assertThat(harness.count(
                "select count(*) from etl.import_errors where error_type = '" + type + "'")).as(type).isEqualTo(n));
        assertThat(harness.count("select count(*) from etl.business_industry i where not exists"
                + " (select 1 from etl.business_registration r where r.ban = i.ban)")).isZero();
        assertThat(harness.count("select count(*) from etl.business_industry")).isPositive();

        UUID id = latestRun();
        assertThat(harness.text("select concat_ws(',', status, last_committed_batch, rows_read, rows_loaded,"
                + " rows_failed, rows_duplicated) from etl.job_runs where id = '" + id + "'"))
                .isEqualTo(String.join(",", "success", "12", "12000", Long.toString(counts.valid()),
                        Long.toString(counts.invalidBan() + counts.missingField() + counts.badNumber()),
                        Long.toString(counts.duplicate())));
        assertThat(harness.count("select sum(rows_loaded) from etl.job_batches where job_run_id = '" + id + "'"))
                .isEqualTo(counts.valid());

        List<ProgressEvents.Received> events = ProgressEvents.ofRun(id);
        assertThat(ProgressEvents.partitions(events)).hasSize(1);
        assertThat(events.get(0).event()).isInstanceOf(EtlProgress.JobStarted.class);
        assertThat(events.get(events.size() - 1).event()).isInstanceOf(EtlProgress.JobFinished.class);
        List<EtlProgress.BatchCompleted> batches = ProgressEvents.only(events, EtlProgress.BatchCompleted.class);
        assertThat(batches).extracting(EtlProgress.BatchCompleted::batchNumber)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(batches.stream().mapToLong(EtlProgress.BatchCompleted::rowsLoaded).sum())
                .isEqualTo(harness.count("select count(*) from etl.business_registration"));
        assertThat(batches.stream().mapToLong(b -> b.rowsFailed() + b.rowsDuplicated()).sum())
                .isEqualTo(harness.count("select count(*) from etl.import_errors where job_run_id = '" + id + "'"));
        assertThat(batches.stream().mapToLong(b -> b.rejections().size()).sum())
                .isEqualTo(harness.count("select count(*) from etl.import_errors where job_run_id = '" + id + "'"));
        EtlProgress.JobFinished finished = ProgressEvents.only(events, EtlProgress.JobFinished.class).get(0);
        assertThat(finished.status()).isEqualTo(EtlJobState.SUCCESS);
        assertThat(finished.lastCommittedBatch()).isEqualTo(12);
        assertThat(finished.totals()).isEqualTo(batches.get(batches.size() - 1).totals());
        assertThat(finished.totals().rowsLoaded()).isEqualTo(counts.valid());
    }

    @Test
    void eachRejectionTypeIsRecordedWithItsLineAndReasonAndStringsAreTrimmedAndNullTokensRead() throws Exception {
        String header = String.join(",", io.taskmon.etl.transform.TaxRegistrationColumns.HEADER);
        String tail = ",1080101,股份有限公司,Y,472911,便利商店,,,,,,";
        String content = header + "\r\n"
                + "臺北市中正區重慶南路1段1號,00000001,NULL,\u3000第一商行 ,1000000" + tail + "\r\n"        // line 2 ok
                + "臺北市,1234567,,短號商行,100" + tail + "\r\n"                                           // 3 INVALID_BAN
                + "臺北市,ABCDEFGH,,字母商行,100" + tail + "\r\n"                                          // 4 INVALID_BAN
                + "臺北市,00000002,,N/A,100" + tail + "\r\n"                                               // 5 MISSING_FIELD
                + "臺北市,null,,無號商行,100" + tail + "\r\n"                                              // 6 MISSING_FIELD
                + "臺北市,00000001,,重複商行,100" + tail + "\r\n"                                          // 7 DUPLICATE
                + "臺北市,00000003,,資本商行,一百萬" + tail + "\r\n"                                       // 8 BAD_NUMBER
                + "臺北市,00000004,,發票商行,100,1080101,股份有限公司,X,,,,,,,,\r\n"                      // 9 BAD_VALUE
                + "臺北市,00000005,,短列商行,100\r\n"                                                      // 10 MALFORMED_ROW
                + ",,,,,,,,,,,,,,,\r\n"                                                                   // 11 blank
                + "\"臺北市,信義區\",00000006,12345678,\"引號\"\"商行\",,1080101,其他,N,620111,電腦程式設計,,,,,,\r\n" // 12 ok
                + "臺北市,00000007,999,總機構商行,100" + tail + "\r\n";                                    // 13 INVALID_BAN (hq)
        Path small = harness.write("rejections.csv", content);

        EtlHarness.Run run = harness.etl("load", "--source", small.toString(), "--yes", "--chunk-size", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        UUID id = latestRun();
        List<String> errors = harness.jdbi.withHandle(h -> h.createQuery("select concat_ws('|', batch_number,"
                        + " line_number, error_type, message) from etl.import_errors where job_run_id = :id order by line_number")
                .bind("id", id).mapTo(String.class).list());
        assertThat(errors).containsExactly(
                "1|3|INVALID_BAN|統一編號 '1234567' is not 8 digits",
                "1|4|INVALID_BAN|統一編號 'ABCDEFGH' is not 8 digits",
                "1|5|MISSING_FIELD|營業人名稱 is missing",
                "2|6|MISSING_FIELD|統一編號 is missing",
                "2|7|DUPLICATE|統一編號 00000001 appeared before; the first row is kept",
                "2|8|BAD_NUMBER|資本額 '一百萬' is not a whole number",
                "2|9|BAD_VALUE|使用統一發票 'X' is neither Y nor N",
                "3|10|MALFORMED_ROW|the row has 5 fields, the header 16",
                "3|13|INVALID_BAN|總機構統一編號 '999' is not 8 digits");
        assertThat(harness.text("select raw_row from etl.import_errors where line_number = 8 and job_run_id = '" + id + "'"))
                .isEqualTo("臺北市,00000003,,資本商行,一百萬" + tail);
        assertThat(harness.list("select concat_ws('|', ban, coalesce(headquarters_ban, '-'),"
                        + " business_name, business_address, coalesce(capital_amount::text, '-'), uses_uniform_invoice)"
                        + " from etl.business_registration order by ban"))
                .containsExactly("00000001|-|第一商行|臺北市中正區重慶南路1段1號|1000000|t",
                        "00000006|12345678|引號\"商行|臺北市,信義區|-|f");
        assertThat(harness.list("select concat_ws('|', ban, position, industry_code,"
                        + " industry_name) from etl.business_industry order by ban, position"))
                .containsExactly("00000001|1|472911|便利商店", "00000006|1|620111|電腦程式設計");
        assertThat(run.out()).contains("blank:      1 (8.33%)", "BAD_NUMBER 1", "MALFORMED_ROW 1");
    }

    @Test
    void valuesReachTheTablesAsWrittenWithSpecialCharactersWhiteSpaceNulAndInvalidUtf8Handled() throws Exception {
        String header = String.join(",", io.taskmon.etl.transform.TaxRegistrationColumns.HEADER);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
        // Tabs, a backslash, a line break inside quotes, a character outside the BMP, and an ideographic
        // space, an em space and a tab around values, which are trimmed; industries 1, 3 and 4 given.
        bytes.writeBytes(("\"臺北市\t大安區\\1號\n2樓\",00000011,,\u2003𠀀商行\u3000,999999999999999999,"
                + "1120301, 有限公司\t,N,0111,稻作栽培業,,,4711,\"便利商店,超市\",9999, \u3000\n").getBytes(StandardCharsets.UTF_8));
        // A NUL byte is dropped; a malformed UTF-8 byte becomes U+FFFD.
        bytes.writeBytes("臺南市\0,00000012,,壞".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE5);
        bytes.writeBytes("字行,,,,Y,,,,,,,,\n".getBytes(StandardCharsets.UTF_8));
        Path special = harness.dir.resolve("special.csv");
        Files.write(special, bytes.toByteArray());

        EtlHarness.Run run = harness.etl("load", "--source", special.toString(), "--yes", "--no-events");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(harness.list("select concat_ws('|', ban, coalesce(headquarters_ban, '-'), business_name,"
                        + " business_address, coalesce(capital_amount::text, '-'), coalesce(setup_date, '-'),"
                        + " coalesce(organization_type, '-'), coalesce(uses_uniform_invoice::text, '-'))"
                        + " from etl.business_registration order by ban"))
                .containsExactly("00000011|-|𠀀商行|臺北市\t大安區\\1號\n2樓|999999999999999999|1120301|有限公司|false",
                        "00000012|-|壞\uFFFD字行|臺南市|-|-|-|true");
        assertThat(harness.list("select concat_ws('|', ban, position, industry_code, coalesce(industry_name, '-'))"
                        + " from etl.business_industry order by ban, position"))
                .containsExactly("00000011|1|0111|稻作栽培業", "00000011|3|4711|便利商店,超市", "00000011|4|9999|-");
    }

    @Test
    void rejectionsBeyondTheCapAreCountedNotStored() throws Exception {
        StringBuilder content = new StringBuilder(String.join(",", io.taskmon.etl.transform.TaxRegistrationColumns.HEADER))
                .append('\n');
        for (int i = 0; i < 10; i++) {
            content.append("臺北市,123,,壞號商行").append(i).append(",100,1080101,其他,Y,,,,,,,,\n");
        }
        Path bad = harness.write("many-bad.csv", content.toString());

        EtlHarness.Run run = harness.etl("load", "--source", bad.toString(), "--yes", "--max-rejections", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        UUID id = latestRun();
        assertThat(harness.count("select count(*) from etl.import_errors where job_run_id = '" + id + "'")).isEqualTo(3);
        assertThat(harness.count("select rejections_overflow from etl.job_batches where job_run_id = '" + id + "'"))
                .isEqualTo(7);
        EtlProgress.BatchCompleted batch = ProgressEvents.only(ProgressEvents.ofRun(id), EtlProgress.BatchCompleted.class)
                .get(0);
        assertThat(batch.rejections()).hasSize(3);
        assertThat(batch.rejectionsOverflow()).isEqualTo(7);
        assertThat(batch.rowsFailed()).isEqualTo(10);
    }

    @Test
    void dryRunValidatesAndCountsButWritesNothingEvenWithoutADatabase() throws Exception {
        assertThat(harness.etl("load", "--source", file.toString(), "--yes").exitCode()).isZero();
        String before = harness.contentDigest();
        long runs = harness.count("select count(*) from etl.job_runs");
        long errors = harness.count("select count(*) from etl.import_errors");
        Path other = harness.generate("other.csv", 3_000, 99, 0.1);

        EtlHarness.Run run = harness.etl("load", "--source", other.toString(), "--dry-run");
        Map<String, String> noDatabase = new java.util.HashMap<>(harness.env());
        noDatabase.remove("PG_URL");
        EtlHarness.Run withoutDatabase = harness.etl(noDatabase, "", "load", "--source", other.toString(), "--dry-run",
                "--no-events");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dry run: nothing was written", "would load:", "Rows read:    3,000");
        assertThat(withoutDatabase.exitCode()).as(withoutDatabase.err()).isZero();
        assertThat(withoutDatabase.out()).contains("would load:");
        assertThat(harness.contentDigest()).isEqualTo(before);
        assertThat(harness.count("select count(*) from etl.job_runs")).isEqualTo(runs);
        assertThat(harness.count("select count(*) from etl.import_errors")).isEqualTo(errors);
    }

    @Test
    void aSecondRunIsRefusedWhileTheLockIsHeldAndRunsOnceItIsReleased() throws Exception {
        assertThat(harness.etl("load", "--source", file.toString(), "--yes", "--limit", "10").exitCode()).isZero();
        long runs = harness.count("select count(*) from etl.job_runs");
        EtlHarness.Run refused;
        try (Connection holder = DriverManager.getConnection(harness.postgres.jdbcUrl(), harness.postgres.user(),
                harness.postgres.password()); Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_lock(" + AdvisoryLock.keyOf(TaxRegistrationJob.JOB_NAME) + ")");
            refused = harness.etl("load", "--source", file.toString(), "--yes");
        }

        assertThat(refused.exitCode()).isEqualTo(ExitCode.LOCKED.code());
        assertThat(refused.err()).contains("another tax-registration run holds the lock");
        assertThat(harness.count("select count(*) from etl.job_runs")).isEqualTo(runs);
        assertThat(harness.etl("load", "--source", file.toString(), "--yes", "--limit", "10").exitCode()).isZero();
    }

    @Test
    void aFullReloadAsksFirstAndANoChangesNothing() {
        assertThat(harness.etl("load", "--source", file.toString(), "--yes", "--limit", "100").exitCode()).isZero();
        String before = harness.contentDigest();

        EtlHarness.Run declined = harness.etl(harness.env(), "no\n", "load", "--source", file.toString(), "--limit", "50");
        assertThat(declined.exitCode()).isEqualTo(ExitCode.DECLINED.code());
        assertThat(declined.err()).contains("Full reload: this empties etl.business_registration", "not confirmed");
        assertThat(harness.contentDigest()).isEqualTo(before);

        EtlHarness.Run confirmed = harness.etl(harness.env(), "yes\n", "load", "--source", file.toString(), "--limit", "50");
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(harness.count("select count(*) from etl.job_runs where id = '" + latestRun() + "' and rows_read = 50"))
                .isEqualTo(1);
    }

    @Test
    void theLoadCompletesWhenKafkaIsUnreachableAndSaysEventsWereNotDelivered() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(harness.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort());
        Path log = harness.dir.resolve("unreachable.jsonl");

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", file.toString(), "--yes", "--limit", "3000",
                "--chunk-size", "1000", "--events-timeout", "1", "--log-file", log.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Status:       success", "Events:       0 delivered");
        assertThat(harness.count("select last_committed_batch from etl.job_runs where id = '" + latestRun() + "'"))
                .isEqualTo(3);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("\"event\":\"events_unavailable\"");
    }

    @Test
    void aFullReloadWhoseSourceCannotBeOpenedOrReadKeepsTheTablesAsTheyWere() throws Exception {
        assertThat(harness.etl("load", "--source", file.toString(), "--yes").exitCode()).isZero();
        String loaded = harness.contentDigest();
        Path wrongHeader = harness.write("wrong-header.csv", "name,address\nA,B\n");

        EtlHarness.Run missing = harness.etl("load", "--source", harness.dir.resolve("gone.csv").toString(), "--yes");
        EtlHarness.Run unreadable = harness.etl("load", "--source", wrongHeader.toString(), "--yes");

        assertThat(missing.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(missing.out()).contains("Status:       failed", "gone.csv does not exist");
        assertThat(unreadable.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(unreadable.out()).contains("Status:       failed", "統一編號");
        assertThat(harness.contentDigest()).isEqualTo(loaded);
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        assertThat(harness.count("select count(*) from pg_constraint where contype = 'p' and conrelid in"
                + " ('etl.business_registration'::regclass, 'etl.business_industry'::regclass)")).isEqualTo(2);
        assertThat(harness.list("select status from etl.job_runs order by started_at desc limit 2"))
                .containsExactly("failed", "failed");

        // Resuming a full reload that committed nothing is that full reload: it empties the tables.
        EtlHarness.Run resumed = harness.etl("load", "--resume", "--source", file.toString());
        assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
        assertThat(resumed.out()).contains("Mode:         resume\n", "Status:       success");
        assertThat(harness.contentDigest()).isEqualTo(loaded);
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
    }

    /** A clean load in batches of 1,000 (its content digest returned), then a BAN of its batch 3 refused. */
    private static String loadCleanlyThenRefuseBatch3(String constraint) throws Exception {
        assertThat(harness.etl("load", "--source", file.toString(), "--yes", "--chunk-size", "1000").exitCode()).isZero();
        String clean = harness.contentDigest();
        harness.refuseBan(constraint, harness.text(
                "select min(ban) from etl.business_registration where batch_number = 3"));
        return clean;
    }

    @Test
    void aResumeMayTakeAnotherChunkSizeButNotAnotherLimit() throws Exception {
        String clean = loadCleanlyThenRefuseBatch3("refuse_in_batch_3");
        assertThat(harness.etl("load", "--source", file.toString(), "--yes", "--chunk-size", "1000").exitCode())
                .isEqualTo(ExitCode.JOB_FAILED.code());
        harness.allowAgain("refuse_in_batch_3");
        long runsBefore = harness.count("select count(*) from etl.job_runs");

        EtlHarness.Run otherLimit = harness.etl("load", "--resume", "--limit", "5000");

        assertThat(otherLimit.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(otherLimit.err()).contains("--limit 5000 differs from the resumed run's none; leave it out");
        assertThat(harness.count("select count(*) from etl.job_runs")).isEqualTo(runsBefore);

        EtlHarness.Run resumed = harness.etl("load", "--resume", "--chunk-size", "300");

        assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
        assertThat(resumed.out()).contains("Mode:         resume (after batch 2)");
        assertThat(harness.contentDigest()).isEqualTo(clean);
        UUID resumedRun = latestRun();
        assertThat(harness.text("select concat_ws(',', chunk_size, rows_read) from etl.job_runs where id = '"
                + resumedRun + "'")).isEqualTo("300," + (ROWS - 2_000));
        assertThat(harness.count("select max(rows_read) from etl.job_batches where job_run_id = '" + resumedRun + "'"))
                .isEqualTo(300);
    }

    @Test
    void aBatchThatCannotBeCommittedFailsTheRunSavesItsRowsAndAResumeFinishesLikeACleanRun() throws Exception {
        String clean = loadCleanlyThenRefuseBatch3("refuse_one_ban");

        EtlHarness.Run failed = harness.etl("load", "--source", file.toString(), "--yes", "--chunk-size", "1000");

        assertThat(failed.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(failed.out()).contains("Status:       failed", "batch 3 could not be committed",
                "refuse_one_ban", "Continue with: ./taskmon etl load --resume");
        UUID failedRun = latestRun();
        assertThat(harness.text("select concat_ws(',', status, last_committed_batch) from etl.job_runs where id = '"
                + failedRun + "'")).isEqualTo("failed,2");
        assertThat(harness.count("select max(batch_number) from etl.business_registration")).isEqualTo(2);
        Path saved = harness.dir.resolve("home").resolve("etl-failed").resolve(failedRun + "-batch-3.csv");
        List<String> savedLines = Files.readAllLines(saved, StandardCharsets.UTF_8);
        assertThat(savedLines).hasSize(1001);
        assertThat(savedLines.get(0)).contains("統一編號");
        List<ProgressEvents.Received> events = ProgressEvents.ofRun(failedRun);
        EtlProgress.BatchFailed batchFailed = ProgressEvents.only(events, EtlProgress.BatchFailed.class).get(0);
        assertThat(batchFailed.batchNumber()).isEqualTo(3);
        assertThat(batchFailed.failedRowsFile()).isEqualTo(saved.toAbsolutePath().toString());
        assertThat(ProgressEvents.only(events, EtlProgress.JobFinished.class).get(0).status()).isEqualTo(EtlJobState.FAILED);

        harness.allowAgain("refuse_one_ban");
        EtlHarness.Run resumed = harness.etl("load", "--resume");

        assertThat(resumed.exitCode()).as(resumed.err() + resumed.out()).isZero();
        assertThat(resumed.out()).contains("Mode:         resume (after batch 2)");
        assertThat(harness.contentDigest()).isEqualTo(clean);
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(counts.valid());
        assertThat(harness.etl("load", "--resume").exitCode()).isEqualTo(ExitCode.NOTHING_TO_RESUME.code());
    }
}

package io.taskmon.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.config.RuntimeEndpoints;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong use of {@code ./taskmon etl}: one sentence naming the problem, the usage, exit code 2, no stack trace. */
class EtlCommandLineTest {

    private static EtlHarness harness;

    @BeforeAll
    static void open() throws Exception {
        harness = new EtlHarness("etl_cli");
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "load                                           | --source is required",
        "load --source                                  | --source needs a value",
        "load --source f.csv --chunk-size ten           | --chunk-size must be a positive whole number, got 'ten'",
        "load --source f.csv --chunk-size 0             | --chunk-size must be a positive whole number, got 0",
        "load --source f.csv --chunk-size 5000000       | --chunk-size must be at most 1000000, got 5000000",
        "load --source f.csv --limit -5                 | --limit must be a positive whole number, got -5",
        "load --source f.csv --resume --dry-run         | --resume and --dry-run cannot be combined",
        "load --source f.csv --frobnicate               | unknown option --frobnicate",
        "load --source f.csv extra                      | unexpected argument 'extra'",
        "load --source f.csv --source g.csv             | --source is given twice",
        "load --source ftp://host/f.csv                 | --source URL must be http:// or https://",
        "load --source f.csv --schedule 0_2_*_*_*       | --schedule needs --yes for full reloads",
        "load --source f.csv --yes --schedule 0_2_*_*   | --schedule needs 5 fields",
        "load --source f.csv --yes --schedule 61_2_*_*_* | --schedule: the minute field '61' is wrong (allowed 0-59)",
        "load --source f.csv --yes --schedule 0_2_31_2_* | --schedule '0 2 31 2 *' never fires",
        "load --resume --schedule 0_2_*_*_*             | --schedule runs full reloads or dry runs",
        "load --source f.csv --yes --pg-url mysql://x/db | PG_URL / --pg-url: the database URL must start with",
        "generate --rows 10                             | --out is required",
        "generate --rows many --out x.csv               | --rows must be a positive whole number, got 'many'",
        "generate --rows 10 --out x.csv --bad-share 2   | --bad-share must be between 0 and 1, got 2",
        "generate --rows 10 --out x.csv --seed abc      | --seed must be a whole number, got 'abc'",
        "transmogrify                                   | unknown etl command 'transmogrify'",
        "--frobnicate                                   | unknown option --frobnicate",
        "load --source f.csv --yes=true                 | --yes takes no value",
        "load --source f.csv --chunk-size=ten           | --chunk-size must be a positive whole number, got 'ten'",
        "load --source=_                                | --source is empty",
        "load --source f.csv --max-rejections 100001    | --max-rejections must be at most 100000, got 100001",
        "load --source f.csv --heartbeat 0              | --heartbeat must be a positive number of whole seconds such as 5s or 2m, got '0'",
        "load --source f.csv --heartbeat 1500ms         | --heartbeat must be a positive number of whole seconds such as 5s or 2m, got '1500ms'",
        "load --source f.csv --heartbeat 2h             | --heartbeat must be at most 3600, got 7200",
        "load --source f.csv --events-timeout soon      | --events-timeout must be a positive number of whole seconds such as 5s or 2m, got 'soon'",
        "load --source f.csv --retries 11               | --retries must be at most 10, got 11",
        "load --source f.csv --retry-backoff-ms 1s      | --retry-backoff-ms must be a positive whole number, got '1s'",
        "load --source - --yes --schedule 0_2_*_*_*     | --schedule cannot read standard input",
        "load --source f.csv --yes --schedule every_night | --schedule needs 5 fields (minute hour day month weekday), got 2",
        "load --source f.csv --yes --schedule 0_2_*_*_MONDAY | --schedule: the weekday field 'MONDAY' is wrong",
        "load --source f.csv --yes --timezone Asia/Taipei | --timezone and --grace describe --schedule; give --schedule too",
        "load --source f.csv --yes --grace 60           | --timezone and --grace describe --schedule; give --schedule too",
        "load --source f.csv --yes --schedule 0_2_*_*_* --timezone Mars/Olympus | --timezone (monitor_config.timezone) must be an IANA time zone such as UTC, Asia/Taipei or Europe/Berlin, got 'Mars/Olympus'",
        "load --source f.csv --yes --schedule 0_2_*_*_* --timezone +08:00 | --timezone (monitor_config.timezone) must be an IANA time zone such as UTC, Asia/Taipei or Europe/Berlin, got '+08:00'",
        "load --source f.csv --yes --schedule 0_2_*_*_* --grace=-5 | --grace (monitor_config.grace_seconds) must be a whole number from 0 to 31536000",
        "load --source f.csv --yes --schedule 0_2_*_*_* --grace 99999999999 | --grace (monitor_config.grace_seconds) must be a whole number from 0 to 31536000",
        "load --source f.csv --yes --schedule 0_2_*_*_* --grace soon | --grace must be a whole number of seconds, got 'soon'",
        "generate --out x.csv                           | --rows is required",
        "generate --rows 0 --out x.csv                  | --rows must be a positive whole number, got 0",
        "generate --rows 10 --out                       | --out needs a value",
        "generate --rows 10 --out x.csv --bad-share lots | --bad-share must be a number between 0 and 1, got 'lots'"})
    void wrongUseIsOneClearSentenceThenTheUsageAndExitCode2(String args, String sentence) {
        // Arguments are separated by spaces; an underscore stands for a space inside one.
        String[] argv = java.util.Arrays.stream(args.trim().split("\\s+")).map(a -> a.replace('_', ' '))
                .toArray(String[]::new);
        EtlHarness.Run run = harness.etl(harness.env(), "", argv);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElse("")).startsWith("taskmon etl: ").contains(sentence);
        assertThat(run.err()).contains("Usage: ./taskmon etl").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "PG_URL={0}")
    @CsvSource(delimiter = '|', value = {
        "mysql://x/db              | PG_URL / --pg-url: the database URL must start with jdbc:postgresql:// or postgresql://",
        "not a url                 | PG_URL / --pg-url: the database URL must start with",
        "postgresql:///db                | PG_URL / --pg-url: the database URL names no host",
        "postgresql://u:secret@h/db name | PG_URL / --pg-url: the database URL is not a valid URI: postgresql://***@h/db name"})
    void aBadDatabaseUrlInTheEnvironmentIsOneSentenceNamingTheVariableAndExitCode2(String url, String sentence) {
        Map<String, String> env = new HashMap<>(harness.env());
        env.put("PG_URL", url);

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", "f.csv", "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).startsWith("taskmon etl: " + sentence).doesNotContain("Exception", "\tat ", "secret");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFlagWinsOverABadValueInTheEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>(harness.env());
        env.put("PG_URL", "mysql://x/db");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        Path file = harness.generate("flag-wins.csv", 20, 5, 0.0);

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", file.toString(), "--yes",
                "--pg-url", harness.postgres.jdbcUrl(), "--kafka", harness.env().get("KAFKA_BOOTSTRAP_SERVERS"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Status:       success", ", 0 not delivered");
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(20);
    }

    @Test
    void aTaskmonKafkaVariableReachesTheProgressProducerAsAClientProperty() throws Exception {
        Map<String, String> env = new HashMap<>(harness.env());
        env.put("TASKMON_KAFKA_SECURITY_PROTOCOL", "CARRIER_PIGEON");
        Path file = harness.generate("client-property.csv", 20, 6, 0.0);
        Path log = harness.dir.resolve("client-property.jsonl");

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", file.toString(), "--yes",
                "--log-file", log.toString());

        // Kafka refuses the unknown protocol, which proves the property got there; events are best effort.
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Status:       success", "Events:       0 delivered");
        assertThat(java.nio.file.Files.readString(log)).contains("\"event\":\"events_unavailable\"",
                "CARRIER_PIGEON for configuration security.protocol");
    }

    @Test
    void loadHelpListsEveryOptionAndTheExitCodesThenEndsWith0() {
        EtlHarness.Run run = harness.etl(harness.env(), "", "load", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: ./taskmon etl load --source PATH_OR_URL [options]")
                .contains("--source", "--resume", "--dry-run", "--yes", "--limit", "--chunk-size", "--max-rejections",
                        "--schedule", "--timezone", "--grace", "--pg-url", "--pg-user", "--pg-password", "--kafka", "--no-events",
                        "--events-timeout", "--heartbeat", "--log-file", "--failed-rows-dir", "--no-progress",
                        "--retries", "--retry-backoff-ms", "Exit codes: 0 ok, 1 run failed, 2 usage");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpWithoutACommandShowsBothCommands() {
        EtlHarness.Run run = harness.etl(harness.env(), "", "help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("./taskmon etl load --source", "./taskmon etl generate --rows N");
    }

    @Test
    void withoutAnyDatabaseConfiguredTheLoadSaysWhereToConfigureOne() {
        Map<String, String> env = new HashMap<>(harness.env());
        env.remove("PG_URL");
        env.put("TASKMON_HOME", harness.dir.resolve("no-taskmon-here").toString());

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", "f.csv", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("taskmon etl: no PostgreSQL configured: set PG_URL (or --pg-url),"
                + " or start ./taskmon up first");
    }

    @Test
    void withoutKafkaTheLoadAsksForOneOrForNoEvents() {
        Map<String, String> env = new HashMap<>(harness.env());
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("TASKMON_HOME", harness.dir.resolve("no-taskmon-here").toString());

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", "f.csv", "--yes");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no Kafka configured for progress events", "or pass --no-events");
    }

    @Test
    void theEndpointsOfARunningTaskmonAreUsedWhenNothingElseIsSet() throws Exception {
        Path home = harness.dir.resolve("running-taskmon");
        new RuntimeEndpoints(harness.env().get("KAFKA_BOOTSTRAP_SERVERS"), harness.postgres)
                .writeTo(home);
        Map<String, String> env = new HashMap<>();
        env.put("TASKMON_HOME", home.toString());
        Path file = harness.generate("small.csv", 50, 3, 0.0);

        EtlHarness.Run run = harness.etl(env, "", "load", "--source", file.toString(), "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(harness.count("select count(*) from etl.business_registration")).isEqualTo(50);
    }

    @Test
    void aMissingSourceFileFailsTheRunWithOneSentence() {
        EtlHarness.Run run = harness.etl("load", "--source", harness.dir.resolve("nope.csv").toString(), "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(run.out()).contains("Status:       failed", "nope.csv does not exist");
    }

    @Test
    void aFileWithoutTheDatasetsColumnsFailsTheRunNamingThem() throws Exception {
        Path wrong = harness.write("wrong.csv", "\uFEFFname,ban\nx,12345678\n");

        EtlHarness.Run run = harness.etl("load", "--source", wrong.toString(), "--yes", "--no-events");

        assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_FAILED.code());
        assertThat(run.out()).contains("the header lacks the columns 營業地址, 統一編號");
    }

    @Test
    void resumingWithNothingToResumeSaysSoWithItsOwnExitCode() {
        EtlHarness fresh;
        try {
            fresh = new EtlHarness("etl_cli_empty");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        try (fresh) {
            EtlHarness.Run run = fresh.etl("load", "--resume");

            assertThat(run.exitCode()).isEqualTo(ExitCode.NOTHING_TO_RESUME.code());
            assertThat(run.err()).startsWith("taskmon etl: nothing to resume: no tax-registration run yet");
        }
    }
}

package io.taskmon.bench;

import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.EmbeddedPostgresServer;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.events.Topics;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * {@code ./taskmon bench etl}: generates the tax-registration file once (cached), then, on an
 * embedded PostgreSQL and broker, alternates two measurements several times:
 * <ul>
 *   <li>{@code etl}: the whole job ({@code etl load --yes}: parse, validate, COPY both tables per
 *       batch with checkpoint, progress events) in a new JVM with {@code -Xmx256m}, which also
 *       reports its peak heap;</li>
 *   <li>{@code copy_only}, the same-machine ceiling: a plain {@code COPY ... (format csv)} of the
 *       same file into a scratch table of 16 text columns, no validation, no index.</li>
 * </ul>
 * The job's JVM runs as {@code ./taskmon etl load} runs it from its second load after a build:
 * C1 only, with the class-data archive the first load wrote. So an unmeasured first load writes
 * that archive here, and its time is printed too.
 *
 * <p>Sizes: {@code ETL_BENCH_ROWS} (default 1,600,000) and {@code ETL_BENCH_RUNS} (default 3), as
 * environment variables or {@code -Detl.bench.rows} / {@code -Detl.bench.runs}.
 */
public final class EtlBenchmark {

    private static final Pattern MEASURED = Pattern.compile("MEASURED seconds=([0-9.]+) peak_heap_mb=([0-9.]+) live_heap_mb=([0-9.]+) exit=(\\d+)");
    /** The JVM flags {@code ./taskmon etl load} adds (see the script): compiling with C1 only. */
    private static final List<String> ETL_LOAD_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1");
    /** The original job (pandas + Django, same dataset size) loaded 2.4M rows in 312 s. */
    private static final double ORIGINAL_ROWS_PER_S = 7_700;

    private EtlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = setting("etl.bench.rows", "ETL_BENCH_ROWS", 1_600_000);
        int runs = (int) setting("etl.bench.runs", "ETL_BENCH_RUNS", 3);
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        Path cache = Path.of(System.getProperty("taskmon.etl.bench.cache", base.resolveSibling("etl-bench-cache").toString()))
                .toAbsolutePath();
        Path file = cache.resolve("tax-registration-" + rows + ".csv");
        if (!Files.exists(file)) {
            Files.createDirectories(cache);
            Path partial = cache.resolve(file.getFileName() + ".partial");
            long start = System.nanoTime();
            new TaxRegistrationGenerator(20240101L, 0.02).write(partial, rows);
            Files.move(partial, file);
            System.out.printf(Locale.ROOT, "generated %s (%,d rows, %,d bytes) in %.1f s%n", file, rows, Files.size(file),
                    (System.nanoTime() - start) / 1e9);
        } else {
            System.out.printf(Locale.ROOT, "using cached %s (%,d bytes)%n", file, Files.size(file));
        }
        Files.createDirectories(base);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(base.resolve("etl-postgres"));
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(base.resolve("etl-kafka"))) {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), Topics.ALL, 3);
            PostgresEndpoint db = postgres.endpoint();
            List<Double> loadRates = new ArrayList<>();
            List<Double> loadSeconds = new ArrayList<>();
            List<Double> heaps = new ArrayList<>();
            List<Double> liveHeaps = new ArrayList<>();
            List<Double> copyRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            Path archive = base.resolve("etl-classes.jsa");
            Files.deleteIfExists(archive);
            double[] first = measuredLoad(db, broker.bootstrapServers(), file, base, "-XX:ArchiveClassesAtExit=" + archive);
            System.out.printf(Locale.ROOT, "first load (writes the class-data archive, not counted): %.2f s%n", first[0]);
            for (int run = 1; run <= runs; run++) {
                double copySeconds = copyOnly(db, file);
                double[] load = measuredLoad(db, broker.bootstrapServers(), file, base, "-XX:SharedArchiveFile=" + archive);
                double loadRate = rows / load[0];
                double copyRate = rows / copySeconds;
                loadRates.add(loadRate);
                loadSeconds.add(load[0]);
                heaps.add(load[1]);
                liveHeaps.add(load[2]);
                copyRates.add(copyRate);
                ratios.add(loadRate / copyRate);
                System.out.printf(Locale.ROOT, "run %d: etl %.2f s (%,.0f rows/s, heap peak %.0f MB, live after GC %.0f MB)"
                        + "  copy_only %.2f s (%,.0f rows/s)  ratio %.2f%n", run, load[0], loadRate, load[1], load[2],
                        copySeconds, copyRate, loadRate / copyRate);
            }
            double rate = median(loadRates);
            System.out.printf(Locale.ROOT, "median of %d: etl %,.0f rows/s, copy_only %,.0f rows/s; the original job"
                    + " did about %,.0f rows/s (x%.1f)%n", runs, rate, median(copyRates), ORIGINAL_ROWS_PER_S,
                    rate / ORIGINAL_ROWS_PER_S);
            System.out.printf(Locale.ROOT, "RESULT name=etl rows_per_s=%.0f seconds=%.2f peak_heap_mb=%.0f"
                            + " live_heap_mb=%.0f copy_only_rows_per_s=%.0f ratio_to_copy=%.2f rows=%d runs=%d%n", rate,
                    median(loadSeconds), Collections.max(heaps), Collections.max(liveHeaps), median(copyRates),
                    median(ratios), rows, runs);
        }
    }

    /** The whole job in a new JVM with a 256 MB heap; returns {seconds, peak heap MB, live heap MB}. */
    private static double[] measuredLoad(PostgresEndpoint db, String kafka, Path file, Path base, String archiveFlag)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dlogback.configurationFile=etl-logback.xml"));
        command.addAll(ETL_LOAD_JVM_FLAGS);
        command.add(archiveFlag);
        // Extra options for the measured runs only, e.g. a flight recording to profile the job.
        // Not for the first load: writing the class-data archive refuses native agents.
        String extra = System.getenv("ETL_BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank() && !archiveFlag.startsWith("-XX:ArchiveClassesAtExit")) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        // The job's classpath is the one `./taskmon etl load` runs with; only MeasuredLoad, the
        // wrapper that times it, comes from this module.
        String classpath = Checkout.standaloneJar() + File.pathSeparator + Checkout.benchClasses();
        command.addAll(List.of("-cp", classpath, MeasuredLoad.class.getName(),
                "load", "--source", file.toString(), "--yes", "--no-progress",
                "--log-file", base.resolve("etl-bench.jsonl").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PG_URL", db.jdbcUrl());
        builder.environment().put("PG_USER", db.user());
        builder.environment().put("PG_PASSWORD", db.password());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        builder.environment().put("TASKMON_HOME", base.resolve("etl-home").toString());
        Process process = builder.start();
        String measured = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("MEASURED")) {
                    measured = line;
                }
            }
        }
        int exit = process.waitFor();
        Matcher m = measured == null ? null : MEASURED.matcher(measured);
        if (exit != 0 || m == null || !m.find()) {
            throw new IllegalStateException("the measured load failed (exit " + exit + "):\n" + output);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }

    /** The ceiling: the file streamed by COPY into a plain table, nothing else. */
    private static double copyOnly(PostgresEndpoint db, Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            StringBuilder columns = new StringBuilder();
            for (int i = 1; i <= 16; i++) {
                columns.append(i > 1 ? ", " : "").append('c').append(i).append(" text");
            }
            statement.execute("drop table if exists bench_copy_only");
            statement.execute("create table bench_copy_only (" + columns + ")");
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_copy_only from stdin (format csv, header true)", in, 1 << 16);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table bench_copy_only");
            return seconds;
        }
    }

    private static long setting(String property, String env, long fallback) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.replace("_", ""));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

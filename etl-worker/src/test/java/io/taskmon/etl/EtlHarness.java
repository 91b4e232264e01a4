package io.taskmon.etl;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.etl.schedule.ScheduleClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** A fresh database on the shared PostgreSQL, the shared broker, and a way to run {@code etl} commands. */
final class EtlHarness implements AutoCloseable {

    record Run(int exitCode, String out, String err) {
    }

    final PostgresEndpoint postgres;
    final HikariDataSource dataSource;
    final Jdbi jdbi;
    final Path dir;

    EtlHarness(String name) throws IOException {
        postgres = SharedInfrastructure.freshDatabase(name);
        dataSource = ConnectionPools.open(postgres, name, 2);
        jdbi = Jdbi.create(dataSource);
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PG_URL", postgres.jdbcUrl());
        env.put("PG_USER", postgres.user());
        env.put("PG_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.kafkaBootstrapServers());
        env.put("TASKMON_HOME", dir.resolve("home").toString());
        return env;
    }

    Run etl(String... args) {
        return etl(env(), "", args);
    }

    Run etl(Map<String, String> env, String stdin, String... args) {
        return etl(env, stdin, ScheduleClock.SYSTEM, args);
    }

    /** An {@code etl} command whose {@code --schedule} runs by the given clock. */
    Run etl(ScheduleClock clock, String... args) {
        return etl(env(), "", clock, args);
    }

    Run etl(Map<String, String> env, String stdin, ScheduleClock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (all.get(0).equals("load") && all.stream().noneMatch(a -> a.startsWith("--log-file"))) {
            all.add("--log-file");
            all.add(dir.resolve("etl.jsonl").toString());
        }
        int code = new EtlMain(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), clock).run(all);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path generate(String name, long rows, long seed, double badShare) throws IOException {
        Path file = dir.resolve(name);
        new TaxRegistrationGenerator(seed, badShare).write(file, rows);
        return file;
    }

    TaxRegistrationGenerator.Counts generateCounted(Path file, long rows, long seed, double badShare) throws IOException {
        return new TaxRegistrationGenerator(seed, badShare).write(file, rows);
    }

    /** A loopback HTTP server answering {@code /data.csv} with the handler, started. */
    static HttpServer serveDataCsv(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data.csv", handler);
        server.start();
        return server;
    }

    /**
     * {@code etl ARGS} in a process of its own with the heap {@code ./taskmon etl} gives it
     * (-Xmx256m) and this harness's endpoints; its output goes to {@code NAME.out} and
     * {@code NAME.err} in the harness's folder.
     */
    Process startWorker(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), EtlMain.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().putAll(env());
        return builder.start();
    }

    /** What a worker started by {@link #startWorker} wrote, standard output then standard error. */
    String workerOutput(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out")) + Files.readString(dir.resolve(name + ".err"));
    }

    Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    List<String> list(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    String text(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    /**
     * Makes PostgreSQL refuse one BAN, as a broken database would refuse the batch holding it
     * (NOT VALID: the row already loaded stays); {@link #allowAgain} lifts it.
     */
    void refuseBan(String constraint, String ban) throws SQLException {
        execute("alter table etl.business_registration add constraint " + constraint + " check (ban <> '" + ban
                + "') not valid");
    }

    void allowAgain(String constraint) throws SQLException {
        execute("alter table etl.business_registration drop constraint " + constraint);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A digest of both data tables' full content, to compare two loads row by row. */
    String contentDigest() {
        return text("""
                select md5(coalesce(string_agg(r, '|' order by r), '')) from (
                  select concat_ws(',', ban, headquarters_ban, business_name, business_address, capital_amount,
                                   setup_date, organization_type, uses_uniform_invoice) as r
                    from etl.business_registration
                  union all
                  select concat_ws(',', 'i', ban, position, industry_code, industry_name)
                    from etl.business_industry) t""");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.embedded.ConnectionPools;
import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.readmodel.ReadModelJdbi;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Migrating a read model that already holds rows brings them to the current words. */
class ReadModelMigrationsTest {

    @Test
    void shouldRewriteAnEtlJobRunStoredAsSucceededToSuccessAndKeepTheRolesRights() {
        try (HikariDataSource dataSource = ConnectionPools.open(
                SharedInfrastructure.freshDatabase("read_model_migrations"), "read-model-migrations", 2)) {
            Flyway.configure().dataSource(dataSource).schemas(ReadModelMigrations.SCHEMA).createSchemas(true)
                    .locations("classpath:db/taskmon").target("5").load().migrate();
            Jdbi jdbi = ReadModelJdbi.create(dataSource);
            jdbi.useHandle(h -> h.execute("""
                    insert into taskmon.etl_job_runs (job_run_id, job_name, status) values
                      ('00000000-0000-0000-0000-0000000000a1', 'before', 'succeeded'),
                      ('00000000-0000-0000-0000-0000000000a2', 'before', 'failed'),
                      ('00000000-0000-0000-0000-0000000000a3', 'before', 'running')"""));

            assertThat(ReadModelMigrations.migrate(dataSource).success).isTrue();

            List<String> statuses = jdbi.withHandle(h -> h.createQuery(
                    "select status from taskmon.etl_job_runs order by job_run_id").mapTo(String.class).list());
            assertThat(statuses).containsExactly("success", "failed", "running");
            String comment = jdbi.withHandle(h -> h.createQuery(
                    "select col_description('taskmon.etl_job_runs'::regclass, attnum) from pg_attribute"
                            + " where attrelid = 'taskmon.etl_job_runs'::regclass and attname = 'status'")
                    .mapTo(String.class).one());
            assertThat(comment).isEqualTo("running | stalled | success | failed");
            List<Boolean> rights = jdbi.withHandle(h -> h.createQuery("""
                    select has_table_privilege('taskmon_projector', 'taskmon.etl_job_runs', 'update'),
                           has_table_privilege('taskmon_projector', 'taskmon.etl_job_runs', 'delete'),
                           has_table_privilege('taskmon_reader', 'taskmon.etl_job_runs', 'select'),
                           has_table_privilege('taskmon_reader', 'taskmon.etl_job_runs', 'update')""")
                    .map((rs, ctx) -> List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                    .one());
            assertThat(rights).as("projector update, delete; reader select, update").containsExactly(true, true, true, false);
        }
    }
}

package io.taskmon.readmodel;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code taskmon.task_runs}: one row per run. Rows arrive by COPY into a per-connection staging
 * table ({@link #createStaging()}, {@link #STAGING_COLUMNS}) and are merged with one statement.
 *
 * <p>The run lists read newest first. Runs still going (no finish time) come first, as a
 * descending index puts nulls first. Two queries rather than an optional filter, so the
 * planner sees each shape plainly; both read the index {@code (monitor_id, finished_at desc, status)},
 * the status filter checked inside it.
 */
@RegisterConstructorMapper(TaskRunRow.class)
public interface TaskRunDao {

    /** A list shows the start of a message and never the whole event. */
    String LIST_COLUMNS = """
            select monitor_id, run_id, event_id, status, started_at, finished_at, duration_ms, exit_code,
                   left(message, 4000) as message, log_url, received_at, records_processed, records_failed,
                   attempt_count, max_attempts, external_id, labels::text as labels, queued_at, queue_wait_ms
              from taskmon.task_runs
            """;

    /** The staging table's columns in the order {@code CopyRows} writes them. */
    List<String> STAGING_COLUMNS = List.of("monitor_id", "run_id", "event_id", "task_key", "kind", "machine_name",
            "status", "started_at", "finished_at", "duration_ms", "exit_code", "message", "log_url", "received_at",
            "raw", "records_processed", "records_failed", "attempt_count", "max_attempts", "external_id", "labels",
            "queued_at", "queue_wait_ms");

    String STAGING_TABLE = "task_runs_staging";

    /** Emptied at every commit; lives as long as the pooled connection, so it is created once per connection. */
    @SqlUpdate("""
            create temp table if not exists task_runs_staging
                (like taskmon.task_runs including defaults) on commit delete rows
            """)
    void createStaging();

    /**
     * Inserts each staged run, or moves a stored run forward in place: a {@code pending} row to
     * running or finished, a {@code running} row to finished. A replayed report, or a start
     * signal arriving after its finish, changes nothing: the conditional update only ever moves a
     * row forward. The first move out of pending records the queue wait, the same way as
     * {@link TaskRunRow#followedBy} does within a batch. The staging table
     * holds at most one row per run (the batch folds them first), as one statement may not
     * touch a row twice.
     */
    @SqlUpdate("""
            insert into taskmon.task_runs (monitor_id, run_id, event_id, task_key, kind, machine_name, status,
                                           started_at, finished_at, duration_ms, exit_code, message, log_url,
                                           received_at, raw, records_processed, records_failed, attempt_count,
                                           max_attempts, external_id, labels, queued_at, queue_wait_ms)
            select monitor_id, run_id, event_id, task_key, kind, machine_name, status,
                   started_at, finished_at, duration_ms, exit_code, message, log_url,
                   received_at, raw, records_processed, records_failed, attempt_count,
                   max_attempts, external_id, labels, queued_at, queue_wait_ms
              from pg_temp.task_runs_staging
            on conflict (monitor_id, run_id) do update
               set event_id = excluded.event_id, status = excluded.status,
                   started_at = coalesce(excluded.started_at, task_runs.started_at),
                   finished_at = excluded.finished_at, duration_ms = excluded.duration_ms,
                   exit_code = excluded.exit_code, message = excluded.message, log_url = excluded.log_url,
                   received_at = excluded.received_at, raw = excluded.raw,
                   records_processed = excluded.records_processed, records_failed = excluded.records_failed,
                   attempt_count = excluded.attempt_count, max_attempts = excluded.max_attempts,
                   external_id = excluded.external_id, labels = excluded.labels,
                   queued_at = coalesce(task_runs.queued_at, excluded.queued_at),
                   -- greatest() skips nulls, hence the case: a run never queued has no wait
                   queue_wait_ms = coalesce(task_runs.queue_wait_ms, excluded.queue_wait_ms,
                       case when task_runs.queued_at is not null then greatest(0, floor(extract(epoch from
                           coalesce(excluded.started_at, excluded.finished_at, excluded.received_at)
                           - task_runs.queued_at) * 1000))::bigint end)
             where (task_runs.status = 'pending' and excluded.status <> 'pending')
                or (task_runs.status = 'running' and excluded.status not in ('pending', 'running'))
            """)
    int mergeStaging();

    @SqlQuery("""
            select monitor_id, run_id, event_id, task_key, kind, machine_name, status, started_at, finished_at,
                   duration_ms, exit_code, message, log_url, received_at, raw::text as raw, records_processed,
                   records_failed, attempt_count, max_attempts, external_id, labels::text as labels,
                   queued_at, queue_wait_ms
              from taskmon.task_runs where monitor_id = :monitorId and run_id = :runId
            """)
    Optional<TaskRunRow> find(@Bind("monitorId") UUID monitorId, @Bind("runId") String runId);

    @SqlQuery(LIST_COLUMNS + """
             where monitor_id = :monitorId
             order by finished_at desc, run_id desc limit :limit offset :offset""")
    List<TaskRunRow> newestFirst(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit,
                                 @Bind("offset") int offset);

    @SqlQuery(LIST_COLUMNS + """
             where monitor_id = :monitorId and status = :status
             order by finished_at desc, run_id desc limit :limit offset :offset""")
    List<TaskRunRow> newestFirstWithStatus(@Bind("monitorId") UUID monitorId, @Bind("status") String status,
                                           @Bind("limit") int limit, @Bind("offset") int offset);

    /**
     * Runs that overlap {@code [from, to)}: started before {@code to} and not finished before
     * {@code from} (queued runs too), oldest start first. Read through the index on
     * {@code (monitor_id, finished_at desc)}; runs still going come with it, nulls first.
     */
    @SqlQuery(LIST_COLUMNS + """
             where monitor_id = :monitorId
               and (finished_at is null or finished_at >= :from)
               and coalesce(started_at, queued_at, received_at) < :to
             order by coalesce(started_at, queued_at, received_at), run_id limit :limit""")
    List<TaskRunRow> overlapping(@Bind("monitorId") UUID monitorId, @Bind("from") Instant from,
                                 @Bind("to") Instant to, @Bind("limit") int limit);

    /** The latest start before {@code before}, null if none: where an interval schedule counts from. */
    @SqlQuery("""
            select max(started_at) from taskmon.task_runs
             where monitor_id = :monitorId and started_at < :before""")
    Instant lastStartBefore(@Bind("monitorId") UUID monitorId, @Bind("before") Instant before);

    /** Retention: deletes at most {@code limit} runs last written before {@code cutoff}; returns how many. */
    @SqlUpdate("""
            delete from taskmon.task_runs where ctid = any(array(
                select ctid from taskmon.task_runs where received_at < :cutoff limit :limit))
            """)
    int deleteReceivedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    /** Deletes the runs of deleted monitors (the admin API's delete, through the projector). */
    @SqlUpdate("delete from taskmon.task_runs where monitor_id in (<ids>)")
    int deleteOfMonitors(@BindList("ids") Collection<UUID> monitorIds);
}

package io.taskmon.readmodel;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code taskmon.alerts}: raised alerts, and when they were resolved; the lists read newest first. */
@RegisterConstructorMapper(AlertRow.class)
public interface AlertDao {

    String LIST_COLUMNS = """
            select alert_id, alert_type, monitor_id, job_run_id, task_key, task_name, kind, machine_name, job_name,
                   consecutive_failures, threshold, first_failure_at, last_failure_at,
                   left(last_message, 1000) as last_message, last_exit_code, resolves_alert_id, summary,
                   raised_at, resolved_at, resolved_by_alert_id
              from taskmon.alerts
            """;
    String OF_MONITOR = " and (cast(:monitorId as uuid) is null or monitor_id = :monitorId)";
    /** The condition of the partial index {@code alerts_open_idx}: raised and not yet resolved. */
    String OPEN = " where resolved_at is null and alert_type <> 'RECOVERED'";

    /** Alert ids are deterministic (derived from what raised them), so a replayed alert is already there. */
    @SqlBatch("""
            insert into taskmon.alerts (alert_id, alert_type, monitor_id, job_run_id, task_key, task_name, kind,
                                        machine_name, job_name, consecutive_failures, threshold, first_failure_at,
                                        last_failure_at, last_message, last_exit_code, resolves_alert_id, summary,
                                        raised_at)
            values (:alertId, :alertType, :monitorId, :jobRunId, :taskKey, :taskName, :kind,
                    :machineName, :jobName, :consecutiveFailures, :threshold, :firstFailureAt,
                    :lastFailureAt, :lastMessage, :lastExitCode, :resolvesAlertId, :summary,
                    :raisedAt)
            on conflict (alert_id) do nothing
            """)
    void insert(@BindMethods List<AlertRow> alerts);

    /**
     * Marks alerts resolved by their RECOVERED alert. It joins on the stored rows, not on the
     * batch, so it does not matter whether the alert or its recovery was written first; an
     * alert already resolved keeps its first resolution.
     */
    @SqlUpdate("""
            update taskmon.alerts a
               set resolved_at = r.raised_at, resolved_by_alert_id = r.alert_id
              from taskmon.alerts r
             where r.alert_type = 'RECOVERED' and r.resolves_alert_id = a.alert_id and a.resolved_at is null
               and (a.alert_id in (<ids>) or r.alert_id in (<ids>))
            """)
    int resolve(@BindList("ids") Collection<UUID> touchedAlertIds);

    @SqlQuery("select * from taskmon.alerts where alert_id = :id")
    Optional<AlertRow> find(@Bind("id") UUID alertId);

    @SqlQuery(LIST_COLUMNS + OPEN + OF_MONITOR + " order by raised_at desc, alert_id limit :limit offset :offset")
    List<AlertRow> open(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from taskmon.alerts" + OPEN + OF_MONITOR)
    long countOpen(@Bind("monitorId") UUID monitorId);

    @SqlQuery(LIST_COLUMNS + " where true" + OF_MONITOR
            + " order by raised_at desc, alert_id limit :limit offset :offset")
    List<AlertRow> all(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit, @Bind("offset") int offset);

    /**
     * Retention: deletes at most {@code limit} alerts resolved before {@code cutoff}, and
     * RECOVERED alerts raised before it. Open alerts stay however old they are.
     */
    @SqlUpdate("""
            delete from taskmon.alerts where ctid = any(array(
                select ctid from taskmon.alerts where resolved_at < :cutoff limit :limit))
            """)
    int deleteResolvedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate("""
            delete from taskmon.alerts where ctid = any(array(
                select ctid from taskmon.alerts where alert_type = 'RECOVERED' and raised_at < :cutoff limit :limit))
            """)
    int deleteRecoveriesBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    /** Deletes the alerts of deleted monitors (the admin API's delete, through the projector). */
    @SqlUpdate("delete from taskmon.alerts where monitor_id in (<ids>)")
    int deleteOfMonitors(@BindList("ids") Collection<UUID> monitorIds);
}

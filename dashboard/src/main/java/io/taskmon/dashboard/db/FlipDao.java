package io.taskmon.dashboard.db;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads {@code taskmon.monitor_flips}, newest first. */
@RegisterConstructorMapper(FlipRow.class)
public interface FlipDao {

    @SqlQuery("""
            select monitor_id, event_id, old_health, new_health, reason, flipped_at
              from taskmon.monitor_flips
             where monitor_id = :monitorId
             order by flipped_at desc, event_id limit :limit offset :offset""")
    List<FlipRow> newestFirst(@Bind("monitorId") UUID monitorId, @Bind("limit") int limit, @Bind("offset") int offset);
}

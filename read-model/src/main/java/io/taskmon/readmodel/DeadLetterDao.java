package io.taskmon.readmodel;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code taskmon.dead_letters}: refused records, newest first, and when each was replayed. */
@RegisterConstructorMapper(DeadLetterRow.class)
@RegisterConstructorMapper(DeadLetterWaiting.class)
public interface DeadLetterDao {

    /** What a list shows: the text of the value, clipped, without the bytes only a replay needs. */
    String LIST_COLUMNS = """
            select id, source_topic, source_partition, source_offset, consumer, reason,
                   left(raw_value, 4000) as raw_value, schema_version, failed_at, replayed_at
              from taskmon.dead_letters
            """;
    String WAITING = " where replayed_at is null";

    /**
     * A dead letter handed over twice (a consumer's retry after a crash) or read again (a rebuild)
     * is already there, and keeps its replay time.
     */
    @SqlBatch("""
            insert into taskmon.dead_letters (source_topic, source_partition, source_offset, consumer, reason,
                                              raw_value, raw_value_base64, source_key, schema_version, failed_at)
            values (:sourceTopic, :sourcePartition, :sourceOffset, :consumer, :reason,
                    :rawValue, :rawValueBase64, :sourceKey, :schemaVersion, :failedAt)
            on conflict (source_topic, source_partition, source_offset, consumer) do nothing
            """)
    void insert(@BindMethods List<DeadLetterRow> deadLetters);

    @SqlQuery(LIST_COLUMNS + " order by failed_at desc, id desc limit :limit offset :offset")
    List<DeadLetterRow> newestFirst(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery(LIST_COLUMNS + WAITING + " order by failed_at desc, id desc limit :limit offset :offset")
    List<DeadLetterRow> waitingNewestFirst(@Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) as waiting, max(failed_at) as latest_at from taskmon.dead_letters" + WAITING)
    DeadLetterWaiting waiting();

    /** Whole rows, with the bytes a replay publishes, oldest first so a replay keeps their order. */
    @SqlQuery("select * from taskmon.dead_letters where id in (<ids>) order by failed_at, id")
    List<DeadLetterRow> withIds(@BindList("ids") Collection<Long> ids);

    @SqlQuery("select * from taskmon.dead_letters" + WAITING + " order by failed_at, id")
    List<DeadLetterRow> allWaiting();

    @SqlQuery("select * from taskmon.dead_letters order by failed_at, id")
    List<DeadLetterRow> all();

    @SqlQuery("select * from taskmon.dead_letters where id = :id")
    Optional<DeadLetterRow> find(@Bind("id") long id);

    /**
     * Marks a dead letter replayed, only if nobody replayed it since it was read
     * ({@code seenReplayedAt}): 0 rows means another replay got there first, which is not an error.
     */
    @SqlUpdate("""
            update taskmon.dead_letters set replayed_at = :at
             where id = :id and replayed_at is not distinct from cast(:seenReplayedAt as timestamptz)
            """)
    int markReplayed(@Bind("id") long id, @Bind("seenReplayedAt") Instant seenReplayedAt, @Bind("at") Instant at);
}

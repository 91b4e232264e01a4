package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The binary COPY stores what PostgreSQL makes of the same values' text forms. */
class CopyRowsTest {

    private static final List<String> COLUMNS = List.of("id", "at", "name", "doc", "big", "small", "flag");
    private static ReadModelDatabase db;

    @BeforeAll
    static void migrate() {
        db = new ReadModelDatabase("copy_rows_test");
        db.jdbi.useHandle(h -> h.execute("""
                create table public.copied (id uuid, at timestamptz, name text, doc jsonb, big bigint, small integer,
                                            flag boolean)"""));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shouldStoreInstantsAsTheirTextFormWouldIncludingTheRoundingOfNanoseconds() {
        List<Instant> instants = List.of(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00.005Z"),
                Instant.parse("2026-11-01T00:00:00.123456499Z"), Instant.parse("2026-11-01T00:00:00.123456500Z"),
                Instant.parse("2026-11-01T00:00:00.123457500Z"), Instant.parse("2026-11-01T00:00:00.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.000000500Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"));
        db.jdbi.useTransaction(h -> {
            h.execute("truncate public.copied");
            try (CopyRows rows = CopyRows.into(h, "public.copied", COLUMNS)) {
                for (int i = 0; i < instants.size(); i++) {
                    rows.uuid(new UUID(0, i)).timestamp(instants.get(i)).text(null).jsonb(null).int8(null).int4(null)
                            .bool(false).endRow();
                }
                rows.finish();
            }
        });

        for (int i = 0; i < instants.size(); i++) {
            long sameAsText = db.count("select count(*) from public.copied where at = timestamptz '" + instants.get(i)
                    + "' and id = '" + new UUID(0, i) + "'");
            assertThat(sameAsText).as(instants.get(i).toString()).isEqualTo(1);
        }
    }

    @Test
    void shouldCopyEveryTypeAndNullAndTurnNulIntoTheReplacementCharacter() {
        UUID id = UUID.randomUUID();
        db.jdbi.useTransaction(h -> {
            h.execute("truncate public.copied");
            try (CopyRows rows = CopyRows.into(h, "public.copied", COLUMNS)) {
                rows.uuid(id).timestamp(Instant.parse("2026-11-02T10:15:30.5Z")).text("tab\there, 日本語 \0 end")
                        .jsonb("{\"county\": \"台北\", \"n\": 1}").int8(Long.MAX_VALUE).int4(Integer.MIN_VALUE)
                        .bool(true).endRow();
                rows.uuid(null).timestamp(null).text(null).jsonb(null).int8(null).int4(null).bool(false).endRow();
                assertThat(rows.finish()).isEqualTo(2);
            }
        });

        assertThat(db.rows("select id::text, at, name, doc::text, big, small, flag from public.copied order by id nulls last"))
                .containsExactly(
                        List.of(id.toString(), "2026-11-02T10:15:30.500Z", "tab\there, 日本語 \uFFFD end",
                                "{\"n\": 1, \"county\": \"台北\"}", String.valueOf(Long.MAX_VALUE),
                                String.valueOf(Integer.MIN_VALUE), "true"),
                        List.of("null", "null", "null", "null", "null", "null", "false"));
    }

    @Test
    void shouldLetTheServerRefuseAnInstantPastTheEndOfTimestamptzAsOutOfRange() {
        assertThatThrownBy(() -> db.jdbi.useTransaction(h -> {
            try (CopyRows rows = CopyRows.into(h, "public.copied", COLUMNS)) {
                rows.uuid(UUID.randomUUID()).timestamp(Instant.parse("+300000-01-01T00:00:00Z")).text(null)
                        .jsonb(null).int8(null).int4(null).bool(false).endRow();
                rows.finish();
            }
        })).satisfies(e -> assertThat(ReadModelWriter.refusedData(e)).isTrue())
                .hasMessageContaining("out of range");
        assertThat(CopyRows.postgresMicros(Instant.MAX)).isNotEqualTo(Long.MAX_VALUE);
        assertThat(CopyRows.postgresMicros(Instant.MIN)).isNotEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRefuseARowWithTooFewValuesBeforeSendingIt() {
        db.jdbi.useTransaction(h -> {
            try (CopyRows rows = CopyRows.into(h, "public.copied", COLUMNS)) {
                rows.uuid(UUID.randomUUID()).timestamp(null);
                assertThatThrownBy(rows::endRow).isInstanceOf(IllegalStateException.class)
                        .hasMessage("a row of 2 values for 7 columns");
            }
            h.rollback();
        });
    }
}

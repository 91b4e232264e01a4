-- Dead letters: records a taskmon consumer could not read or store (taskmon.dead-letter.v1),
-- kept so people can see them and replay them once the cause is fixed.
--
-- One row per refused record and consumer: a consumer may hand the same dead letter over twice
-- after a crash (the projector publishes before its batch commits), and a rebuild reads the topic
-- again; the unique key makes both a no-op. replayed_at is set by `./taskmon dead-letters replay`
-- after Kafka has the record again, so a rebuild keeps this table (see ReadModelRebuild).
create table taskmon.dead_letters (
    id                bigint generated always as identity primary key,
    source_topic      text        not null,
    source_partition  int         not null,     -- -1 when the consumer did not know it
    source_offset     bigint      not null,     -- -1 when the consumer did not know it
    consumer          text        not null,     -- monitor-streams | projector
    reason            text        not null,
    raw_value         text,                     -- the original value as UTF-8 text, for people
    raw_value_base64  text,                     -- the original value exactly, what a replay publishes
    source_key        bytea,                    -- the original key (the dead letter's own key)
    schema_version    int         not null,
    failed_at         timestamptz not null,
    replayed_at       timestamptz,
    constraint dead_letters_source_key unique (source_topic, source_partition, source_offset, consumer)
);

-- The dashboard's list (newest first) and the waiting count of /health and the badge.
create index dead_letters_failed_idx on taskmon.dead_letters (failed_at desc, id desc);
create index dead_letters_waiting_idx on taskmon.dead_letters (failed_at desc) where replayed_at is null;

-- V3's default privileges already cover a new table; said again here so the roles of this
-- table read in one place. The reader only reads; the projector writes rows and, through the
-- identity column, takes numbers from its sequence.
grant select, insert, update, delete, truncate on taskmon.dead_letters to taskmon_projector;
grant select on taskmon.dead_letters to taskmon_reader;
grant usage on sequence taskmon.dead_letters_id_seq to taskmon_projector;

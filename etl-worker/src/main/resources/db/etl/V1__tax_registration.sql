-- The etl-worker's own tables: the tax-registration data it loads and the record of its job
-- runs. Flyway keeps its history inside this schema, apart from the projector's.

-- One row per business (統一編號, the business administration number: BAN).
-- Codes are digits, so they use the "C" collation: byte comparison keeps the same order and
-- makes index maintenance during COPY several times cheaper than locale-aware comparison.
create table etl.business_registration (
    ban                  text     collate "C" primary key, -- 統一編號, 8 digits, leading zeros kept
    headquarters_ban     text     collate "C",             -- 總機構統一編號
    business_name        text     not null,        -- 營業人名稱
    business_address     text,                     -- 營業地址
    capital_amount       bigint,                   -- 資本額; bigint because some exceed 2^31
    setup_date           text,                     -- 設立日期 as published (ROC yyyMMdd), not parsed
    organization_type    text,                     -- 組織別名稱
    uses_uniform_invoice boolean,                  -- 使用統一發票 (Y/N)
    job_run_id           uuid     not null,        -- the run that loaded the row
    batch_number         bigint   not null
);

-- Up to four industries per business, in the order the source lists them (1 = main).
-- No foreign key to business_registration: both are written by the same batch transaction,
-- and a per-row foreign-key trigger would cost the COPY about a third of its speed.
create table etl.business_industry (
    ban           text     collate "C" not null,
    position      smallint not null check (position between 1 and 4),
    industry_code text     collate "C" not null,   -- 行業代號
    industry_name text,                            -- 名稱
    primary key (ban, position)
);

-- No index on industry_code: it would cost the load more than the primary keys together (it is
-- rebuilt after every load, see LoadIndexes). Whoever queries by industry adds one.

-- One row per job run. last_committed_batch is the checkpoint: it is written in the same
-- transaction as the batch's rows, so a resumed run starts exactly after it.
create table etl.job_runs (
    id                   uuid        primary key,
    job_name             text        not null,
    mode                 text        not null,     -- full | resume
    source               text        not null,
    status               text        not null,     -- running | succeeded | failed
    chunk_size           integer     not null,
    row_limit            bigint,
    resumed_from         uuid        references etl.job_runs (id),
    resumed_after_batch  bigint      not null default 0,
    last_committed_batch bigint      not null default 0,
    rows_read            bigint      not null default 0,
    rows_loaded          bigint      not null default 0,
    rows_failed          bigint      not null default 0,
    rows_duplicated      bigint      not null default 0,
    total_bytes          bigint,
    machine_name         text,
    error_message        text,
    started_at           timestamptz not null default now(),
    finished_at          timestamptz,
    updated_at           timestamptz not null default now()
);

create index job_runs_started_idx on etl.job_runs (job_name, started_at desc);

-- What each committed batch did, for inspection and for summing a run up.
create table etl.job_batches (
    job_run_id          uuid        not null references etl.job_runs (id),
    batch_number        bigint      not null,
    rows_read           bigint      not null,
    rows_loaded         bigint      not null,
    rows_failed         bigint      not null,
    rows_duplicated     bigint      not null,
    rejections_overflow bigint      not null,     -- rejected rows beyond the per-batch cap
    duration_ms         bigint      not null,
    committed_at        timestamptz not null default now(),
    primary key (job_run_id, batch_number)
);

-- Rejected rows, capped per batch so that a broken file cannot flood the table.
create table etl.import_errors (
    id           bigserial   primary key,
    job_run_id   uuid        not null references etl.job_runs (id),
    batch_number bigint      not null,
    line_number  bigint      not null,
    error_type   text        not null,           -- INVALID_BAN | MISSING_FIELD | DUPLICATE | BAD_NUMBER | BAD_VALUE | MALFORMED_ROW
    message      text        not null,
    raw_row      text        not null,
    created_at   timestamptz not null default now()
);

create index import_errors_run_idx on etl.import_errors (job_run_id, batch_number);

-- The role for the etl-worker's own tables: it owns schema etl and everything in it (the worker
-- truncates, and drops and builds the primary keys around a load, which takes ownership), and
-- has no right anywhere else. Grant it to the login the worker connects with. Roles are
-- cluster-wide, so it is created only when missing.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'taskmon_etl') then
        create role taskmon_etl nologin;
    end if;
end
$$;

alter schema etl owner to taskmon_etl;
alter table etl.business_registration owner to taskmon_etl;
alter table etl.business_industry owner to taskmon_etl;
alter table etl.job_runs owner to taskmon_etl;
alter table etl.job_batches owner to taskmon_etl;
alter table etl.import_errors owner to taskmon_etl;
alter sequence etl.import_errors_id_seq owner to taskmon_etl;
-- Flyway's own history table is handed over after the migration (EtlMigrations): Flyway holds a
-- lock on it while this script runs.

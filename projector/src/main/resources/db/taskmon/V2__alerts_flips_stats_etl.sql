-- The rest of the read model: health and alert state on monitors, the optional report fields
-- on runs, flips, alerts, hourly stats and ETL job runs. Queries these tables serve are noted
-- above their indexes; the dashboard's API uses exactly those.

alter table taskmon.task_monitors
    add column health                 text    not null default 'new',   -- new | up | failing
    add column streak_started_at      timestamptz,                      -- first failure of the current streak
    add column alert_after_failures   integer not null default 3,
    add column alert_state            text    not null default 'none',  -- none | alerting
    add column open_alert_id          uuid,
    add column last_alert_at          timestamptz,
    add column last_records_processed bigint;

-- Incidents: failing and enabled monitors, most recent failure first; the badge counts them.
create index task_monitors_incidents_idx on taskmon.task_monitors (last_finished_at desc)
    where health = 'failing' and enabled;
-- Monitors page: filter by kind/machine, ordered by key.
create index task_monitors_kind_key_idx on taskmon.task_monitors (kind, task_key);
create index task_monitors_key_idx on taskmon.task_monitors (task_key);

alter table taskmon.task_runs
    add column records_processed bigint,
    add column records_failed    bigint,
    add column attempt_count     integer,
    add column max_attempts      integer,
    add column external_id       text,
    add column labels            jsonb not null default '{}'::jsonb;

-- Run history filtered by status (e.g. only failures of one task), newest first.
create index task_runs_monitor_status_finished_idx on taskmon.task_runs (monitor_id, status, finished_at desc);
-- Retention deletes old history in small batches by age.
create index task_runs_received_idx on taskmon.task_runs (received_at);

-- Every change of a monitor's health (monitor-streams' MonitorFlip).
create table taskmon.monitor_flips (
    monitor_id  uuid        not null,
    event_id    uuid        not null,               -- the run event that caused the flip
    old_health  text        not null,               -- new | up | failing
    new_health  text        not null,
    reason      text        not null,
    flipped_at  timestamptz not null,
    primary key (monitor_id, event_id)
);
-- History of one monitor's flips, newest first.
create index monitor_flips_monitor_time_idx on taskmon.monitor_flips (monitor_id, flipped_at desc);

-- Alerts: one row per raised alert (FAILING, REMINDER, ETL_FAILED, ETL_STALLED); a RECOVERED
-- alert sets resolved_at/resolved_by_alert_id on the row it resolves and is kept as its own row too.
create table taskmon.alerts (
    alert_id             uuid        primary key,
    alert_type           text        not null,      -- FAILING | REMINDER | RECOVERED | ETL_FAILED | ETL_STALLED
    monitor_id           uuid,                      -- monitor alerts
    job_run_id           uuid,                      -- ETL alerts
    task_key             text,
    task_name            text,
    kind                 text,
    machine_name         text,
    job_name             text,
    consecutive_failures integer,
    threshold            integer,
    first_failure_at     timestamptz,
    last_failure_at      timestamptz,
    last_message         text,
    last_exit_code       integer,
    resolves_alert_id    uuid,                      -- for RECOVERED: the alert it closes
    summary              text        not null,
    raised_at            timestamptz not null,
    resolved_at          timestamptz,               -- set when a RECOVERED alert arrives
    resolved_by_alert_id uuid
);
-- Alerts page: newest first; open alerts; alerts of one monitor or one job.
create index alerts_raised_idx on taskmon.alerts (raised_at desc);
create index alerts_open_idx on taskmon.alerts (raised_at desc) where resolved_at is null and alert_type <> 'RECOVERED';
create index alerts_monitor_idx on taskmon.alerts (monitor_id, raised_at desc) where monitor_id is not null;
create index alerts_job_idx on taskmon.alerts (job_run_id, raised_at desc) where job_run_id is not null;

-- Hourly totals per monitor (UTC hours by finish time); the last record for an hour wins.
create table taskmon.monitor_stats_hourly (
    monitor_id        uuid        not null,
    hour_start        timestamptz not null,
    runs              bigint      not null,
    failures          bigint      not null,
    total_duration_ms bigint      not null,
    max_duration_ms   bigint      not null,
    records_processed bigint      not null,
    primary key (monitor_id, hour_start)             -- also serves "last N hours of one monitor"
);

-- One row per ETL job run (monitor-streams' EtlJobStatus).
create table taskmon.etl_job_runs (
    job_run_id             uuid        primary key,
    job_name               text        not null,
    source                 text,
    mode                   text,                    -- full | resume | dry_run
    machine_name           text,
    status                 text        not null,    -- running | stalled | succeeded | failed
    started_at             timestamptz,
    completed_at           timestamptz,
    last_event_at          timestamptz,
    current_batch          bigint      not null default 0,
    last_successful_batch  bigint      not null default 0,
    rows_read              bigint      not null default 0,
    records_processed      bigint      not null default 0,  -- rows loaded
    records_failed         bigint      not null default 0,
    records_duplicated     bigint      not null default 0,
    batches                bigint      not null default 0,
    rows_per_second        double precision not null default 0,
    total_bytes            bigint,
    bytes_read             bigint,
    error_message          text,
    alert_state            text        not null default 'none',
    updated_at             timestamptz not null default now()
);
-- ETL page: running jobs first, then the newest finished.
create index etl_job_runs_status_started_idx on taskmon.etl_job_runs (status, started_at desc);
create index etl_job_runs_started_idx on taskmon.etl_job_runs (started_at desc);

-- One row per batch of an ETL job run (from BatchCompleted / BatchFailed progress events).
create table taskmon.etl_job_batches (
    job_run_id         uuid        not null,
    batch_number       bigint      not null,
    status             text        not null,        -- completed | failed
    rows_read          bigint      not null,
    records_processed  bigint      not null default 0,
    records_failed     bigint      not null default 0,
    records_duplicated bigint      not null default 0,
    duration_ms        bigint,
    error_message      text,
    failed_rows_file   text,
    completed_at       timestamptz not null,
    primary key (job_run_id, batch_number)
);

-- Rows an ETL job rejected (BatchCompleted.rejections, capped per batch).
create table taskmon.etl_import_errors (
    job_run_id    uuid   not null,
    batch_number  bigint not null,
    line_number   bigint not null,
    error_type    text   not null,                  -- INVALID_BAN | MISSING_FIELD | DUPLICATE | BAD_NUMBER | ...
    error_message text   not null,
    raw_data      text,
    primary key (job_run_id, batch_number, line_number, error_type)
);

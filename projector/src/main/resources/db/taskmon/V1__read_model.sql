-- The read model that dashboards, psql users and tools like Grafana query. Column names
-- follow the TC Portal tables (last_status, last_exit_code, ...), so their users feel at home.
-- Everything here can be rebuilt by replaying the topics.

create table taskmon.task_monitors (
    id                   uuid primary key,          -- monitor_id: UUID v5 of task_key, kind, machine_name
    task_key             text        not null,
    task_name            text        not null,
    kind                 text        not null,
    machine_name         text,                      -- null when the reports name no machine
    enabled              boolean     not null default true,
    last_status          text        not null,      -- success | failed | running
    last_event_id        uuid,
    last_run_id          text,
    last_started_at      timestamptz,
    last_finished_at     timestamptz,
    last_duration_ms     bigint,
    last_exit_code       integer,
    last_message         text,
    last_log_url         text,
    last_reported_at     timestamptz,               -- when the gateway received the latest report
    last_success_at      timestamptz,
    last_failure_at      timestamptz,
    consecutive_failures integer     not null default 0,
    total_runs           bigint      not null default 0,
    total_failures       bigint      not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

create unique index task_monitors_identity_key
    on taskmon.task_monitors (task_key, kind, coalesce(machine_name, ''));

-- "What is failing right now", the incidents query.
create index task_monitors_status_idx on taskmon.task_monitors (last_status, last_finished_at desc);

create table taskmon.task_runs (
    monitor_id   uuid        not null,
    run_id       text        not null,              -- groups a running signal with its finish
    event_id     uuid        not null,              -- the report that last wrote this row
    task_key     text        not null,
    kind         text        not null,
    machine_name text,
    status       text        not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    duration_ms  bigint,
    exit_code    integer,
    message      text,
    log_url      text,
    received_at  timestamptz not null,
    raw          jsonb       not null,              -- the whole event as published
    created_at   timestamptz not null default now(),
    primary key (monitor_id, run_id)
);

-- History of one task, newest first.
create index task_runs_monitor_finished_idx on taskmon.task_runs (monitor_id, finished_at desc);

-- The projector's consumer positions, written in the same transaction as the rows they
-- produced: a crash can neither lose nor double a row.
create table taskmon.projector_offsets (
    consumer_group text        not null,
    topic          text        not null,
    partition      integer     not null,
    next_offset    bigint      not null,
    updated_at     timestamptz not null default now(),
    primary key (consumer_group, topic, partition)
);

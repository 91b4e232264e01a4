-- Monitors created over the admin API ahead of their first run: such a monitor has no run yet,
-- so no last status, and it carries the labels it was created with.
alter table taskmon.task_monitors
    alter column last_status drop not null,                    -- null until the first run
    add column labels jsonb not null default '{}'::jsonb;      -- flat string -> string map

-- A new column of an existing table is covered by V3's table grants; the projector deletes a
-- deleted monitor's rows, which V3's writer grants (delete for retention) already allow.

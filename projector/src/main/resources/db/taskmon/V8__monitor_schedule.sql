-- Schedules: a monitor's configuration (the latest report's monitor_config, as monitor-streams
-- keeps it on MonitorStatus) and when its next run is expected. Both stay null for a monitor
-- without a configuration, which is judged only by the runs that arrive, as before.
alter table taskmon.task_monitors
    add column monitor_config   jsonb,          -- cron, timezone, interval_seconds, grace_seconds, max_runtime_seconds, ...
    add column next_expected_at timestamptz;    -- when the next run should start; a missed monitor keeps expecting

comment on column taskmon.task_monitors.health is
    'new | up | running | late | missed | timeout | failing | disabled';

-- Incidents are every enabled monitor that needs a person: failing, missed or timed out. The
-- partial index of V2 covered only failing monitors, so a missed or timed-out one would be found
-- by reading the whole table; the new index has the same key and order over all three.
create index task_monitors_open_incidents_idx on taskmon.task_monitors (last_finished_at desc)
    where health in ('failing', 'missed', 'timeout') and enabled;
drop index taskmon.task_monitors_incidents_idx;

-- New columns of an existing table are covered by V3's table grants: the projector writes them,
-- the reader reads them. No table is added, so no grant changes.

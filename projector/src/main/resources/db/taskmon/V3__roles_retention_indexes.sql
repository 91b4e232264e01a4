-- Least-privilege roles of the read model, and what retention and the dashboard need on top of
-- V1/V2 (additive only: the tables are a public interface).
--
-- Roles are cluster-wide in PostgreSQL, so they are created only when missing: several
-- databases (or a rebuild into a new one) can share them. They are created NOLOGIN; the
-- projector sets their passwords from its configuration after every migration, and a role
-- without a configured password stays unable to log in.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'taskmon_projector') then
        create role taskmon_projector nologin;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'taskmon_reader') then
        create role taskmon_reader nologin;
    end if;
end
$$;

-- The migration user owns every table, so neither role can drop or alter one, and neither
-- gets CREATE on the schema.
grant usage on schema taskmon to taskmon_projector, taskmon_reader;

-- The projector writes rows (upserts, retention deletes, truncate for a rebuild) and nothing else.
grant select, insert, update, delete, truncate on all tables in schema taskmon to taskmon_projector;
-- The dashboard, people with psql and Grafana only read.
grant select on all tables in schema taskmon to taskmon_reader;

-- Tables added by later migrations (run by the same owner) get the same grants.
alter default privileges in schema taskmon
    grant select, insert, update, delete, truncate on tables to taskmon_projector;
alter default privileges in schema taskmon
    grant select on tables to taskmon_reader;

-- Retention deletes old history in small batches by age; these indexes let each batch find
-- its rows without scanning the table.
create index monitor_flips_flipped_idx on taskmon.monitor_flips (flipped_at);
create index alerts_resolved_idx on taskmon.alerts (resolved_at) where resolved_at is not null;
create index monitor_stats_hourly_hour_idx on taskmon.monitor_stats_hourly (hour_start);
create index etl_job_runs_completed_idx on taskmon.etl_job_runs (completed_at) where completed_at is not null;

-- The open alert of an ETL job run, as monitor-streams keeps it (EtlJobStatus.open_alert_id).
alter table taskmon.etl_job_runs add column open_alert_id uuid;

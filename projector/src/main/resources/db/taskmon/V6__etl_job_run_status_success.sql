-- A finished, successful ETL job run is 'success', as a task run is; rows projected before that
-- say 'succeeded'. Replayed old events read as success too (EtlJobState), so a rebuild agrees.
-- Runs as the schema's owner like every migration here: no new table, so no grants change.
update taskmon.etl_job_runs set status = 'success' where status = 'succeeded';

comment on column taskmon.etl_job_runs.status is 'running | stalled | success | failed';

-- A finished, successful job run is 'success', the word task runs, the dashboard and the ETL
-- events use; runs recorded before that say 'succeeded'. The role taskmon_etl owns the table
-- (V1), so a login holding only that role can apply this migration too.
update etl.job_runs set status = 'success' where status = 'succeeded';

comment on column etl.job_runs.status is 'running | success | failed';

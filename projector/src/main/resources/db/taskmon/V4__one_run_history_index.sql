-- One index serves both run-history queries of a monitor, with or without a status filter:
-- (monitor_id, finished_at desc, status). The status is a key column after the finish time, so
-- "failed runs of one monitor, newest first" still reads the index in finish order and checks the
-- status inside the index (an index condition, no visit to the table for the other runs).
--
-- It replaces task_runs_monitor_finished_idx (monitor_id, finished_at desc) and
-- task_runs_monitor_status_finished_idx (monitor_id, status, finished_at desc): every run is written
-- once into the history and read far less often, and each index on task_runs costs every insert
-- about as much as the row itself (measured with the projector benchmark). Queries are unchanged.
create index task_runs_monitor_finished_status_idx on taskmon.task_runs (monitor_id, finished_at desc, status);
drop index taskmon.task_runs_monitor_finished_idx;
drop index taskmon.task_runs_monitor_status_finished_idx;

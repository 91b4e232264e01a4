-- Retention finds old runs by received_at. The gateway stamps received_at as it accepts a report,
-- so the history is written in nearly that order and a BRIN index (the smallest and largest
-- received_at of each 128-page range) finds the old pages. A B-tree took a new entry per run
-- and cost about as much per insert as the two run-history indexes together (1.2 µs of the
-- row's ~15 µs, measured with 1M runs); a BRIN index costs next to nothing to maintain.
-- The retention delete's plan does not change its batches: it still takes the first rows
-- older than the cutoff.
create index task_runs_received_brin on taskmon.task_runs using brin (received_at) with (autosummarize = on);
drop index taskmon.task_runs_received_idx;

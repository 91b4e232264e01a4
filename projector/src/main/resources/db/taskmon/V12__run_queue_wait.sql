-- A run reported `pending` (queued, not started) keeps when it was queued; once it starts
-- (its `running` report, or its finish if it never reported running) the projector stores how
-- long it waited in the queue. Both stay null for runs that were never reported pending.
alter table taskmon.task_runs
    add column queued_at     timestamptz,   -- the pending report's started_at, else when it was received
    add column queue_wait_ms bigint;        -- queued_at to the run's start, in milliseconds

-- New columns of an existing table are covered by V3's table grants.

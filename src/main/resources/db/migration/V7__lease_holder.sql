-- Every statement can run again without effect: a process killed half-way leaves a schema the next one completes.
-- Who holds the poller lease: host id, pid and that process's start time (epoch millis, against pid reuse). A process
-- on the same host that finds the holder's pid gone takes the lease at once instead of waiting for it to run out.
ALTER TABLE poll_state ADD COLUMN IF NOT EXISTS lease_host VARCHAR(255);
ALTER TABLE poll_state ADD COLUMN IF NOT EXISTS lease_pid BIGINT;
ALTER TABLE poll_state ADD COLUMN IF NOT EXISTS lease_pid_start BIGINT;

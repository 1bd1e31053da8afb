-- Every statement can run again without effect: a process killed half-way leaves a schema the next one completes.
-- Where a session's process listens for wake-ups (host:port on loopback): the process that stores a message for the
-- session tells it at once instead of waiting for its next re-check.
ALTER TABLE agent_session ADD COLUMN IF NOT EXISTS wake_address VARCHAR(255);

-- Every statement can run again without effect: a process killed half-way leaves a schema the next one completes.
-- V8 (V7 is left to the fast-takeover work). Outbound pacing shared by every machine of a PostgreSQL store: one token
-- bucket per chat (Telegram's limits are per bot and chat), updated in one statement that locks the chat's row. With H2
-- the table stays empty: the processes of one machine share a locked file in the state directory instead.
CREATE TABLE IF NOT EXISTS outbound_pacing (
    chat_id     BIGINT            NOT NULL PRIMARY KEY,
    tokens      DOUBLE PRECISION  NOT NULL,
    updated_at  BIGINT            NOT NULL
);

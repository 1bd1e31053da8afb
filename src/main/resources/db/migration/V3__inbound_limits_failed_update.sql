-- Every statement can run again without effect: a process killed half-way leaves a schema the next one completes.
-- Columns that hold what the owner sends are wide enough for Telegram's limits counted the way H2 counts a VARCHAR:
-- in UTF-16 units, two for an emoji outside the Basic Multilingual Plane (see telegram/TelegramLimits.java).
-- A /file path is up to 4096 characters (8192 units); file names and file ids are refused above 1024 characters.
ALTER TABLE command_request ALTER COLUMN args SET DATA TYPE VARCHAR(1000000);
ALTER TABLE inbox_message ALTER COLUMN telegram_file_id SET DATA TYPE VARCHAR(2048);
ALTER TABLE inbox_message ALTER COLUMN file_name SET DATA TYPE VARCHAR(2048);
ALTER TABLE bot_action ALTER COLUMN file_id SET DATA TYPE VARCHAR(2048);
ALTER TABLE bot_action ALTER COLUMN file_name SET DATA TYPE VARCHAR(2048);

-- Updates the store could not take (a value it refused, a shape the server cannot read): kept here with their raw JSON,
-- cut to 16000 units, so that the offset moves on and the owner is told, instead of the poller retrying forever.
CREATE TABLE IF NOT EXISTS failed_update (
    update_id  BIGINT         NOT NULL PRIMARY KEY,
    raw_json   VARCHAR(16384) NOT NULL,
    reason     VARCHAR(1000)  NOT NULL,
    failed_at  BIGINT         NOT NULL
);

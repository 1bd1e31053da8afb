-- Every statement can run again without effect: a process killed half-way leaves a schema the next one completes.
-- Permission prompts put to the owner (Claude Code's and Codex's PermissionRequest hooks, claude -p's permission prompt
-- tool): the button data carries only the id; host and pid name the process that waits for the answer; verdict is set
-- once, by the owner's press or by the one who asked giving up. Rows with verdict allow_session answer the same request
-- again in the same session (grant_key, tool_name, input_digest) without asking. See approval/ApprovalRecords.java.
CREATE TABLE IF NOT EXISTS approval_request (
    id              VARCHAR(16)    NOT NULL PRIMARY KEY,
    origin          VARCHAR(16)    NOT NULL,
    session_id      VARCHAR(36),
    session_name    VARCHAR(128)   NOT NULL,
    grant_key       VARCHAR(256),
    tool_name       VARCHAR(1024)  NOT NULL,
    input_digest    VARCHAR(64)    NOT NULL,
    full_input      VARCHAR(80000),
    input_language  VARCHAR(16),
    input_chars     INT            NOT NULL,
    host            VARCHAR(255)   NOT NULL,
    pid             BIGINT         NOT NULL,
    chat_id         BIGINT,
    message_id      BIGINT,
    message_html    VARCHAR(16384),
    created_at      BIGINT         NOT NULL,
    expires_at      BIGINT         NOT NULL,
    verdict         VARCHAR(16),
    decided_at      BIGINT,
    decided_by      BIGINT
);
CREATE INDEX IF NOT EXISTS ix_approval_request_grant ON approval_request (grant_key, tool_name, input_digest, verdict);

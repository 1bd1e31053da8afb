package io.github.telegrammcp.approval;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A permission prompt put to the owner, as the server stores it in {@code approval_request}: the button data carries
 * only the id; host and pid name the process that waits for the answer; the verdict is set once, by the owner's press
 * or by the one who asked giving up. Every query of the table inside the server is here ({@link #QUERIES}); the
 * permission hook, which runs without the server, keeps the same queries over plain JDBC.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRecord extends PanacheEntityBase {

    /** The queries, in the caller's transaction. */
    public static final ApprovalRecords QUERIES = new Queries();

    @Id
    public String id;

    public String origin;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "session_name")
    public String sessionName;

    @Column(name = "grant_key")
    public String grantKey;

    @Column(name = "tool_name")
    public String toolName;

    @Column(name = "input_digest")
    public String inputDigest;

    @Column(name = "full_input", length = 80_000)
    public String fullInput;

    @Column(name = "input_language")
    public String inputLanguage;

    @Column(name = "input_chars")
    public int inputChars;

    public String host;

    public long pid;

    @Column(name = "chat_id")
    public Long chatId;

    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "message_html", length = 16_384)
    public String messageHtml;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "expires_at")
    public long expiresAt;

    public String verdict;

    @Column(name = "decided_at")
    public Long decidedAt;

    @Column(name = "decided_by")
    public Long decidedBy;

    ApprovalRecords.Row row() {
        return new ApprovalRecords.Row(id, origin, sessionId, sessionName, grantKey, toolName, inputDigest, fullInput,
                inputLanguage, inputChars, host, pid, chatId, messageId, messageHtml, createdAt, expiresAt, verdict,
                decidedAt, decidedBy);
    }

    static ApprovalRecord of(ApprovalRecords.Row row) {
        ApprovalRecord r = new ApprovalRecord();
        r.id = row.id();
        r.origin = row.origin();
        r.sessionId = row.sessionId();
        r.sessionName = row.sessionName();
        r.grantKey = row.grantKey();
        r.toolName = row.toolName();
        r.inputDigest = row.inputDigest();
        r.fullInput = row.fullInput();
        r.inputLanguage = row.inputLanguage();
        r.inputChars = row.inputChars();
        r.host = row.host();
        r.pid = row.pid();
        r.chatId = row.chatId();
        r.messageId = row.messageId();
        r.messageHtml = row.messageHtml();
        r.createdAt = row.createdAt();
        r.expiresAt = row.expiresAt();
        r.verdict = row.verdict();
        r.decidedAt = row.decidedAt();
        r.decidedBy = row.decidedBy();
        return r;
    }

    /** The table's queries as {@link ApprovalRecords}; each runs in the caller's transaction. */
    private static final class Queries implements ApprovalRecords {

        @Override
        public void insert(Row row) {
            ApprovalRecord.delete("createdAt < ?1", row.createdAt() - KEEP_MILLIS);
            of(row).persist();
            ApprovalRecord.flush();
        }

        @Override
        public void attachMessage(String id, long chatId, long messageId, String html) {
            ApprovalRecord.update("chatId = ?1, messageId = ?2, messageHtml = ?3 where id = ?4", chatId, messageId,
                    html, id);
        }

        @Override
        public Optional<Row> find(String id) {
            // A query, not the session's cache: a conditional update may have changed the row meanwhile.
            return ApprovalRecord.<ApprovalRecord> find("id = ?1", id).firstResultOptional().map(ApprovalRecord::row);
        }

        @Override
        public boolean decide(String id, Verdict verdict, long now, Long byUser) {
            return ApprovalRecord.update("verdict = ?1, decidedAt = ?2, decidedBy = ?3 where id = ?4"
                    + " and verdict is null", verdict.code(), now, byUser, id) == 1;
        }

        @Override
        public Optional<Verdict> verdict(String id) {
            return ApprovalRecord.getEntityManager()
                    .createQuery("select r.verdict from ApprovalRecord r where r.id = ?1", String.class)
                    .setParameter(1, id).getResultList().stream().filter(v -> v != null).findFirst()
                    .flatMap(Verdict::ofCode);
        }

        @Override
        public boolean allowedForSession(String grantKey, String toolName, String inputDigest) {
            return grantKey != null && ApprovalRecord.count("grantKey = ?1 and toolName = ?2 and inputDigest = ?3"
                    + " and verdict = ?4", grantKey, toolName, inputDigest, Verdict.ALLOW_SESSION.code()) > 0;
        }
    }
}

package io.github.telegrammcp.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What prompts and presses ask of {@code approval_request}, in the transaction of whoever provides it: inside the
 * server {@link ApprovalRecord} (the Panache entity, owner of the table's queries); in the permission hook, a
 * short-lived process that does not start the server, the same queries over plain JDBC. A verdict is set once, by a
 * conditional update.
 */
public interface ApprovalRecords {

    /** Rows older than this are deleted when a new prompt is stored. */
    long KEEP_MILLIS = 30L * 24 * 3600 * 1000;

    /**
     * One stored prompt.
     *
     * @param id the short id in the buttons' data
     * @param origin {@link ApprovalRequest.Origin#code()}
     * @param sessionId this server's session id, or null
     * @param sessionName the session's name as shown
     * @param grantKey what "this session" means for remembered grants, or null
     * @param toolName the tool
     * @param inputDigest {@link #digest(String, JsonNode)} of the request
     * @param fullInput the whole (masked) input for "See more"
     * @param inputLanguage its code-block language, or null
     * @param inputChars the input's length before it was cut
     * @param host the host of the process that waits for the answer
     * @param pid that process's id
     * @param chatId the chat of the prompt's message, once sent
     * @param messageId the prompt's message, once sent
     * @param messageHtml the prompt's HTML, to show the outcome below it
     * @param createdAt epoch millis
     * @param expiresAt when the one who asked stops waiting (epoch millis)
     * @param verdict {@link Verdict#code()}, null while nobody decided
     * @param decidedAt epoch millis, or null
     * @param decidedBy the Telegram user id that pressed, or null
     */
    record Row(String id, String origin, String sessionId, String sessionName, String grantKey, String toolName,
            String inputDigest, String fullInput, String inputLanguage, int inputChars, String host, long pid,
            Long chatId, Long messageId, String messageHtml, long createdAt, long expiresAt, String verdict,
            Long decidedAt, Long decidedBy) {

        /** The verdict, if decided. */
        public Optional<Verdict> decided() {
            return verdict == null ? Optional.empty() : Verdict.ofCode(verdict);
        }
    }

    /** Stores a new prompt (and forgets prompts older than {@link #KEEP_MILLIS}). */
    void insert(Row row);

    /** Records the message that carries the prompt's buttons. */
    void attachMessage(String id, long chatId, long messageId, String html);

    /** A prompt by id. */
    Optional<Row> find(String id);

    /** Sets the verdict unless one was set before; true when this call decided. */
    boolean decide(String id, Verdict verdict, long now, Long byUser);

    /** The verdict of a prompt; empty while nobody decided (or when the row is gone). */
    Optional<Verdict> verdict(String id);

    /** True when the owner allowed exactly this request for this session before. */
    boolean allowedForSession(String grantKey, String toolName, String inputDigest);

    /** Identifies a request: the tool and its input exactly as the client sent them. */
    static String digest(String toolName, JsonNode input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(toolName).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.valueOf(input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

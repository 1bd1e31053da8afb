package io.github.telegrammcp.bot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An update the store could not take (a value it refused, a shape the server cannot read), kept with its raw JSON so
 * that the offset moves on and nothing is retried forever ({@link UpdateQuarantine}). Every query of
 * {@code failed_update} is here.
 */
@Entity
@Table(name = "failed_update")
public class FailedUpdate extends PanacheEntityBase {

    @Id
    @Column(name = "update_id")
    public long updateId;

    @Column(name = "raw_json", length = 16_384)
    public String rawJson;

    @Column(length = 1000)
    public String reason;

    @Column(name = "failed_at")
    public long failedAt;

    /** Records an update set aside, in the caller's transaction. */
    static void record(long updateId, String rawJson, String reason, long now) {
        FailedUpdate f = new FailedUpdate();
        f.updateId = updateId;
        f.rawJson = rawJson;
        f.reason = reason;
        f.failedAt = now;
        f.persist();
    }
}

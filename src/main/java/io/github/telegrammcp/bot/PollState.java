package io.github.telegrammcp.bot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The single row holding the getUpdates offset and the poller lease. */
@Entity
@Table(name = "poll_state")
public class PollState extends PanacheEntityBase {

    /** The id of the only row. */
    public static final int SINGLETON = 1;

    @Id
    public int id;

    /** Next update id to ask Telegram for; everything below it is stored. */
    @Column(name = "update_offset")
    public long updateOffset;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public long leaseUntil;

    /** Session name that plain messages are locked to by /keep, or null. */
    @Column(name = "locked_session")
    public String lockedSession;
}

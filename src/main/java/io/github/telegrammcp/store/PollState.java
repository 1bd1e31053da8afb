package io.github.telegrammcp.store;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The single row of {@code poll_state}, shared by every process: the getUpdates offset, the poller lease (owner, host,
 * pid and expiry, taken and renewed with conditional updates) and the session plain messages are locked to by /keep.
 * Every query of the table is here; the poller and the commands reach it through their own services.
 */
@Entity
@Table(name = "poll_state")
public class PollState extends PanacheEntityBase {

    /** The id of the only row. */
    public static final int SINGLETON = 1;

    /**
     * The lease as the command line reads it with plain JDBC, without starting the server: owner and expiry (epoch
     * millis) of the only row.
     */
    public static final String LEASE_SQL = "SELECT lease_owner, lease_until FROM poll_state WHERE id = 1";

    @Id
    public int id;

    /** Next update id to ask Telegram for; everything below it is stored. */
    @Column(name = "update_offset")
    public long updateOffset;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public long leaseUntil;

    /** Host id of the lease holder (null in rows of earlier releases). */
    @Column(name = "lease_host")
    public String leaseHost;

    @Column(name = "lease_pid")
    public Long leasePid;

    /** When the holder's process started (epoch millis): tells it from a later process that reuses its pid. */
    @Column(name = "lease_pid_start")
    public Long leasePidStart;

    /** Session name that plain messages are locked to by /keep, or null. */
    @Column(name = "locked_session")
    public String lockedSession;

    /** Who holds the lease: owner, host, pid and its start, and until when (epoch millis). */
    public record Holder(String owner, String host, long pid, long pidStart, long until) {
    }

    /**
     * Takes the lease for {@code holder} if it is free, expired at {@code now} or already ours; or, when
     * {@code deadOwner} is given, if that owner still holds it until no later than {@code latestUntil} (so it has not
     * renewed it since the caller found its process gone or stopped).
     */
    public static boolean tryAcquire(Holder holder, long now, String deadOwner, long latestUntil) {
        String taken = "leaseOwner = ?1, leaseUntil = ?2, leaseHost = ?3, leasePid = ?4, leasePidStart = ?5"
                + " where id = ?6 and (leaseOwner is null or leaseOwner = ?1 or leaseUntil < ?7";
        if (deadOwner == null) {
            return update(taken + ")", holder.owner(), holder.until(), holder.host(), holder.pid(), holder.pidStart(),
                    SINGLETON, now) == 1;
        }
        return update(taken + " or (leaseOwner = ?8 and leaseUntil <= ?9))", holder.owner(), holder.until(),
                holder.host(), holder.pid(), holder.pidStart(), SINGLETON, now, deadOwner, latestUntil) == 1;
    }

    /** The lease holder now; an owner of null means free. Pid and start are 0 where unknown. */
    public static Holder holder() {
        Object[] row = getEntityManager().createQuery("select p.leaseOwner, p.leaseHost, p.leasePid, p.leasePidStart,"
                + " p.leaseUntil from PollState p where p.id = ?1", Object[].class).setParameter(1, SINGLETON)
                .getSingleResult();
        return new Holder((String) row[0], (String) row[1], row[2] == null ? 0 : ((Number) row[2]).longValue(),
                row[3] == null ? 0 : ((Number) row[3]).longValue(), ((Number) row[4]).longValue());
    }

    /** Extends {@code owner}'s lease; false when another process holds it now. */
    public static boolean renew(String owner, long until) {
        return update("leaseUntil = ?1 where id = ?2 and leaseOwner = ?3", until, SINGLETON, owner) == 1;
    }

    /** Frees the lease if {@code owner} holds it. */
    public static void release(String owner) {
        update("leaseOwner = null, leaseUntil = 0, leaseHost = null, leasePid = null, leasePidStart = null"
                + " where id = ?1 and leaseOwner = ?2", SINGLETON, owner);
    }

    /** The next update id to fetch. */
    public static long offset() {
        return getEntityManager().createQuery("select p.updateOffset from PollState p where p.id = ?1", Long.class)
                .setParameter(1, SINGLETON).getSingleResult();
    }

    /**
     * Moves the offset from {@code expected} to {@code next} and extends the lease, only if {@code owner} still holds
     * it and nobody moved the offset meanwhile.
     */
    public static boolean advance(String owner, long expected, long next, long until) {
        return update("updateOffset = ?1, leaseUntil = ?2 where id = ?3 and leaseOwner = ?4 and updateOffset = ?5",
                next, until, SINGLETON, owner, expected) == 1;
    }

    /** The session name plain messages are locked to, if any (live or not). */
    public static Optional<String> lockedSession() {
        return getEntityManager().createQuery("select p.lockedSession from PollState p where p.id = ?1", String.class)
                .setParameter(1, SINGLETON).getResultStream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Locks plain messages to a session name, or unlocks with null. */
    public static void lock(String sessionName) {
        change("lockedSession = ?1 where id = ?2", sessionName, SINGLETON);
    }

    /** Unlocks if the lock names this session (any case). */
    public static void unlockIf(String sessionName) {
        change("lockedSession = null where id = ?1 and lower(lockedSession) = ?2", SINGLETON,
                sessionName.toLowerCase(java.util.Locale.ROOT));
    }

    /** An update; entities read earlier in the transaction are forgotten, so later reads see the change. */
    private static int change(String query, Object... params) {
        int changed = update(query, params);
        getEntityManager().clear();
        return changed;
    }
}

package io.github.telegrammcp.fake;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.github.telegrammcp.fake.BotApiTypes.Update;

/**
 * Pending updates and the getUpdates long poll: offset confirmation, holding a request until an update arrives, and
 * the 409 answer to a poll overtaken by a newer one.
 */
final class UpdateQueue {

    static final long FIRST_UPDATE_ID = 500_000_001L;
    static final String CONFLICT = "Conflict: terminated by other getUpdates request; "
            + "make sure that only one bot instance is running";

    /** Thrown to a held poll when the server stops; nobody is there to answer. */
    static final class PollAborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PollAborted() {
            super("server stopped", null, false, false);
        }
    }

    private static final class Poll {
        boolean overtaken;
        boolean aborted;
    }

    private final Object lock = new Object();
    private final LinkedList<Update> pending = new LinkedList<>();
    private long nextUpdateId = FIRST_UPDATE_ID;
    private long confirmedOffset;
    private Set<String> allowedUpdates = Set.of();
    private Poll active;
    private int overlaps;

    /** Adds an update built with the next update_id and wakes a held poll. */
    Update add(LongFunction<Update> factory) {
        synchronized (lock) {
            Update update = factory.apply(nextUpdateId++);
            pending.add(update);
            lock.notifyAll();
            return update;
        }
    }

    /**
     * Answers a getUpdates call: confirms the offset, then returns up to {@code limit} matching updates, holding for up
     * to {@code timeoutSeconds} while there are none.
     */
    List<Update> poll(Long offset, int limit, int timeoutSeconds, Set<String> allowed) {
        Poll me = new Poll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, timeoutSeconds));
        synchronized (lock) {
            if (active != null) {
                // Telegram answers the older request with 409 and serves the newer one
                active.overtaken = true;
                overlaps++;
                lock.notifyAll();
            }
            active = me;
            try {
                if (allowed != null) {
                    allowedUpdates = allowed;
                }
                if (offset != null) {
                    confirm(offset);
                }
                while (true) {
                    if (me.overtaken) {
                        throw new BotApiError(409, CONFLICT, null);
                    }
                    if (me.aborted) {
                        throw new PollAborted();
                    }
                    List<Update> ready = ready(limit <= 0 || limit > 100 ? 100 : limit);
                    long left = deadline - System.nanoTime();
                    if (!ready.isEmpty() || left <= 0) {
                        return ready;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PollAborted();
            } finally {
                if (active == me) {
                    active = null;
                }
            }
        }
    }

    private void confirm(long offset) {
        if (offset < 0) {
            // a negative offset keeps only the last -offset updates and forgets the rest
            while (pending.size() > -offset) {
                pending.removeFirst();
            }
            confirmedOffset = Math.max(confirmedOffset, pending.isEmpty() ? nextUpdateId : pending.getFirst().updateId());
            return;
        }
        for (Iterator<Update> it = pending.iterator(); it.hasNext();) {
            if (it.next().updateId() < offset) {
                it.remove();
            }
        }
        confirmedOffset = Math.max(confirmedOffset, offset);
    }

    private List<Update> ready(int limit) {
        List<Update> result = new ArrayList<>();
        for (Update update : pending) {
            if (result.size() == limit) {
                break;
            }
            if (allowedUpdates.isEmpty() || allowedUpdates.contains(update.type())) {
                result.add(update);
            }
        }
        return result;
    }

    /** Ends every held poll without an answer (the server is going down). */
    void abortHeldPolls() {
        synchronized (lock) {
            if (active != null) {
                active.aborted = true;
                active = null;
            }
            lock.notifyAll();
        }
    }

    /** Goes on from an earlier server's history: the next update gets {@code next} (never lower than now). */
    void continueFrom(long next) {
        synchronized (lock) {
            nextUpdateId = Math.max(nextUpdateId, next);
        }
    }

    /** Forgets pending updates (update ids keep counting up, as on the real server). */
    void clearPending() {
        synchronized (lock) {
            pending.clear();
        }
    }

    void resetCounters() {
        synchronized (lock) {
            overlaps = 0;
        }
    }

    List<Update> pending() {
        synchronized (lock) {
            return List.copyOf(pending);
        }
    }

    long confirmedOffset() {
        synchronized (lock) {
            return confirmedOffset;
        }
    }

    int overlaps() {
        synchronized (lock) {
            return overlaps;
        }
    }

    boolean isHolding() {
        synchronized (lock) {
            return active != null;
        }
    }
}

package io.github.telegrammcp.bot;

/**
 * A sleep that another thread can cut short without {@link Thread#interrupt()}: interrupting a thread that is inside
 * an H2 write closes the database file, so the poller is stopped this way instead.
 */
final class Pause {

    private boolean woken;

    /** Sleeps up to {@code millis}, or until {@link #wake()}; once woken, later calls return at once. */
    synchronized void sleep(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        long left = millis;
        while (!woken && left > 0) {
            wait(left);
            left = deadline - System.currentTimeMillis();
        }
    }

    /** Ends the current and every later sleep. */
    synchronized void wake() {
        woken = true;
        notifyAll();
    }
}

package io.github.telegrammcp.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Whether this process's start-up has registered its session: tools called before (the MCP channel may answer first)
 * wait for it, and learn why when the state store could not be opened.
 */
@ApplicationScoped
public class Readiness {

    private final CompletableFuture<String> done = new CompletableFuture<>();
    private volatile String retrying;

    /** Start-up is still trying to reach the state store, and this is why the last attempt failed. */
    public void retrying(String why) {
        retrying = why;
    }

    /** Why start-up has not finished yet, while it retries (null when it has not failed an attempt). */
    public String retryingBecause() {
        return done.isDone() ? null : retrying;
    }

    /** Start-up finished; {@code problem} says why the session could not start, or is null. */
    public void finished(String problem) {
        done.complete(problem);
    }

    /** Blocks until start-up finished, at most {@code timeout}; false on timeout. */
    public boolean await(Duration timeout) {
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /**
     * Completes once start-up has finished without a problem (at once if it has), on the thread that finished it; never
     * if the session could not start.
     */
    public Uni<Void> started() {
        return Uni.createFrom().completionStage(done).chain(problem -> problem == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().nothing());
    }

    /** Why this session could not start, if it could not (null while starting or when it started). */
    public String problem() {
        return done.getNow(null);
    }
}

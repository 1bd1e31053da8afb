package io.github.telegrammcp.store;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;

/**
 * Puts a state-store failure in words for the person and the model: when the state directory itself is the problem
 * (read-only, full, gone) it names the directory and what is wrong with it; otherwise it gives the database's own
 * reason.
 */
@ApplicationScoped
public class StoreProblems {

    private final Path stateDir;

    @Inject
    public StoreProblems(Settings settings) {
        this(settings.stateDir());
    }

    StoreProblems(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** What went wrong, e.g. "the disk that holds the state directory /x is full (0 KB free)". */
    public String explain(RuntimeException failure) {
        return StateDirectory.problem(stateDir).orElseGet(() -> "the state store in " + stateDir + " failed ("
                + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()) + ")");
    }

    /** Why the store did not answer in time: the state directory's problem, if it has one. */
    public String explainUnanswered() {
        return StateDirectory.problem(stateDir).orElse("the state store in " + stateDir + " did not answer in time");
    }

    /** What the person can do about it. */
    public String advice() {
        return "Free some space on that disk or make " + stateDir + " writable: the server carries on by itself once it"
                + " can write there again (or set TELEGRAM_STATE_DIR to another directory and restart the assistant).";
    }
}

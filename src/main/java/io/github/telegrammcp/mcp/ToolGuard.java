package io.github.telegrammcp.mcp;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.Readiness;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TokenCheck;
import io.quarkiverse.mcp.server.ToolCallException;

/** Checks shared by every tool: configuration, the state store, argument ranges; and error translation. */
@ApplicationScoped
public class ToolGuard {

    /** How long a tool called during start-up waits for the session to be registered. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private final Settings settings;
    private final SessionRegistry registry;
    private final Readiness readiness;
    private final TokenCheck tokenCheck;

    public ToolGuard(Settings settings, SessionRegistry registry, Readiness readiness, TokenCheck tokenCheck) {
        this.settings = settings;
        this.registry = registry;
        this.readiness = readiness;
        this.tokenCheck = tokenCheck;
    }

    /** Returns this session's id, or throws a tool error saying what to fix first. */
    public String readySession() {
        if (!settings.usable()) {
            throw new ToolCallException(settings.problemReport());
        }
        if (!readiness.await(STARTUP_WAIT)) {
            throw new ToolCallException("This session is still starting (the state store is slow to open); call the"
                    + " tool again in a few seconds.");
        }
        if (readiness.problem() != null) {
            throw new ToolCallException(readiness.problem());
        }
        try {
            tokenCheck.requireAccepted();
        } catch (TelegramApiException e) {
            throw failure(e);
        }
        return registry.currentId().orElseThrow(() -> new ToolCallException(
                "This session could not register; see the log in the state directory and restart the assistant."));
    }

    /** The wait to use: the tool's {@code max_wait} if given and valid, else TELEGRAM_MAX_WAIT. */
    public Duration maxWait(Integer maxWaitSeconds) {
        if (maxWaitSeconds == null) {
            return settings.maxWait();
        }
        if (maxWaitSeconds < 1 || maxWaitSeconds > Settings.DEFAULT_MAX_WAIT.toSeconds()) {
            throw new ToolCallException("max_wait must be between 1 and 604800 seconds (7 days), got " + maxWaitSeconds
                    + ". Leave it out to use TELEGRAM_MAX_WAIT (" + settings.maxWait().toSeconds() + " s).");
        }
        return Duration.ofSeconds(Math.min(maxWaitSeconds, settings.maxWait().toSeconds()));
    }

    /** Requires a non-blank text argument. */
    public static String required(String value, String name, String example) {
        if (value == null || value.isBlank()) {
            throw new ToolCallException("'" + name + "' is required and must not be empty, e.g. " + example + ".");
        }
        return value;
    }

    /** A Telegram failure as a tool error the model can act on. */
    public static ToolCallException failure(TelegramApiException e) {
        return new ToolCallException(e.userMessage());
    }

    /** This session's name. */
    public String sessionName() {
        return registry.currentName();
    }
}

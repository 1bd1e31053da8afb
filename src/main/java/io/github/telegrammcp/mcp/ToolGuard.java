package io.github.telegrammcp.mcp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.Readiness;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.StoreException;
import io.github.telegrammcp.store.StoreProblems;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TokenCheck;
import io.quarkiverse.mcp.server.ToolCallException;

/** Checks shared by every tool: configuration, the state store, argument ranges; and error translation. */
@ApplicationScoped
public class ToolGuard {

    /** How long a tool called during start-up waits for the session to be registered. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    static final Duration RETRYING_WAIT = Duration.ofSeconds(5);

    private final Settings settings;
    private final SessionRegistry registry;
    private final Readiness readiness;
    private final TokenCheck tokenCheck;
    private final StoreProblems storeProblems;

    public ToolGuard(Settings settings, SessionRegistry registry, Readiness readiness, TokenCheck tokenCheck,
            StoreProblems storeProblems) {
        this.settings = settings;
        this.registry = registry;
        this.readiness = readiness;
        this.tokenCheck = tokenCheck;
        this.storeProblems = storeProblems;
    }

    /** Returns this session's id, or throws a tool error saying what to fix first. */
    public String readySession() {
        if (!settings.usable()) {
            throw new ToolCallException(settings.problemReport());
        }
        // A store that already failed an attempt is not waited for long: the answer says why, and start-up goes on.
        boolean ready = readiness.await(RETRYING_WAIT)
                || readiness.retryingBecause() == null && readiness.await(STARTUP_WAIT.minus(RETRYING_WAIT));
        if (!ready) {
            String why = readiness.retryingBecause();
            if (why != null) {
                throw new ToolCallException("This session is waiting for its state store, which does not answer yet ("
                        + why + "). It keeps trying every few seconds by itself; call the tool again later.");
            }
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
    public Duration maxWait(Number maxWaitSeconds) {
        if (maxWaitSeconds == null) {
            return settings.maxWait();
        }
        long seconds = wholeNumber(maxWaitSeconds, "max_wait", 1, Settings.DEFAULT_MAX_WAIT.toSeconds(),
                " seconds (7 days)", " Leave it out to use TELEGRAM_MAX_WAIT (" + settings.maxWait().toSeconds()
                        + " s).");
        return Duration.ofSeconds(Math.min(seconds, settings.maxWait().toSeconds()));
    }

    /**
     * A whole-number argument checked against its range, exactly as the client sent it: never wrapped or rounded.
     *
     * @param value the argument (Integer, Long, BigInteger, Double, ... as parsed from the JSON)
     * @param name the parameter's name, for the message
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @param unit what follows the range in the message (e.g. " seconds"), may be empty
     * @param advice a sentence saying what to do instead, may be empty
     * @return the value
     * @throws ToolCallException quoting the value given when it is not a whole number in the range
     */
    public static long wholeNumber(Number value, String name, long min, long max, String unit, String advice) {
        BigDecimal exact = exact(value);
        String shown = exact.stripTrailingZeros().toPlainString();
        String range = "a whole number from " + min + " to " + max + unit;
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw new ToolCallException(name + " must be " + range + ", got " + shown + "." + advice);
        }
        BigInteger whole = exact.toBigInteger();
        if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ToolCallException(name + " must be " + range + ", got " + shown + "." + advice);
        }
        return whole.longValueExact();
    }

    private static BigDecimal exact(Number value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Double || value instanceof Float) {
            // The shortest decimal that reads back as this double: 1e12 shows as 1000000000000, 0.5 as 0.5.
            return new BigDecimal(value.toString());
        }
        return BigDecimal.valueOf(value.longValue());
    }

    /** Requires a non-blank text argument. */
    public static String required(String value, String name, String example) {
        if (value == null || value.isBlank()) {
            throw new ToolCallException("'" + name + "' is required and must not be empty, e.g. " + example + ".");
        }
        return value;
    }

    /** A state-store failure as a tool error that names the state directory's problem and what to do. */
    public ToolCallException storeFailure(RuntimeException e) {
        return new ToolCallException("The state store failed: " + storeProblems.explain(e).sentence());
    }

    /** {@link #storeFailure} when {@code e} came from the state store; otherwise {@code e} itself, to be rethrown. */
    public RuntimeException storeFailureOr(RuntimeException e) {
        return StoreException.isStoreFailure(e) ? storeFailure(e) : e;
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

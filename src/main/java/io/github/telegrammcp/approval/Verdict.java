package io.github.telegrammcp.approval;

import java.util.Optional;

/** How a permission prompt ended; the stored value is {@link #code()}. */
public enum Verdict {
    /** The owner pressed Allow. */
    ALLOW("allow"),
    /** The owner pressed "Allow for this session". */
    ALLOW_SESSION("allow_session"),
    /** The owner pressed Deny. */
    DENY("deny"),
    /** Nobody answered in time; the client decides (its terminal asks, or the call is denied). */
    TIMEOUT("timeout"),
    /** The one who asked stopped waiting (the client cancelled, or answered in its terminal). */
    CANCELLED("cancelled"),
    /** A press came after the one who asked had gone; nothing was decided. */
    EXPIRED("expired");

    private final String code;

    Verdict(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True for the owner's answers (Allow, Allow for this session, Deny). */
    public boolean byOwner() {
        return this == ALLOW || this == ALLOW_SESSION || this == DENY;
    }

    /** True when the tool may run. */
    public boolean allows() {
        return this == ALLOW || this == ALLOW_SESSION;
    }

    /** The verdict stored as {@code code}. */
    public static Optional<Verdict> ofCode(String code) {
        for (Verdict v : values()) {
            if (v.code.equals(code)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

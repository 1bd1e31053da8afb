package io.github.telegrammcp.setup;

/** Ends the setup with a message for the person (never containing the token) and exit code 1. */
final class SetupException extends Exception {

    SetupException(String message) {
        super(message);
    }
}

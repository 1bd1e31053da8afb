package io.github.telegrammcp.setup;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/** Asks the person questions on the terminal; a secret is read without echo when a console is attached. */
final class Prompter {

    private final BufferedReader in;
    private final PrintStream out;
    private final Console console;

    Prompter(BufferedReader in, PrintStream out, Console console) {
        this.in = in;
        this.out = out;
        this.console = console;
    }

    /** The answer, or {@code defaultValue} for an empty one. */
    String ask(String question, String defaultValue) throws SetupException {
        out.print(question + (defaultValue == null || defaultValue.isEmpty() ? "" : " [" + defaultValue + "]") + ": ");
        out.flush();
        String line = readLine();
        return line.isBlank() && defaultValue != null ? defaultValue : line.trim();
    }

    /** A secret answer; never echoed when a console is attached. */
    String secret(String question) throws SetupException {
        if (console != null) {
            char[] chars = console.readPassword("%s: ", question);
            if (chars == null) {
                throw new SetupException("No answer (end of input). For scripts use --setup --yes with --token.");
            }
            return new String(chars).trim();
        }
        out.print(question + ": ");
        out.flush();
        return readLine().trim();
    }

    boolean confirm(String question, boolean defaultValue) throws SetupException {
        while (true) {
            String answer = ask(question + (defaultValue ? " [Y/n]" : " [y/N]"), "").toLowerCase(Locale.ROOT);
            if (answer.isEmpty()) {
                return defaultValue;
            }
            if (answer.startsWith("y")) {
                return true;
            }
            if (answer.startsWith("n")) {
                return false;
            }
            out.println("Please answer y or n.");
        }
    }

    private String readLine() throws SetupException {
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
                throw new SetupException("No answer (end of input). For scripts use --setup --yes with --token and"
                        + " --chat-id.");
            }
            return line;
        } catch (IOException e) {
            throw new SetupException("Cannot read the answer: " + e.getMessage());
        }
    }
}

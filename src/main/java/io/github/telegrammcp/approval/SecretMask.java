package io.github.telegrammcp.approval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides what is likely a secret in a text shown in Telegram (a command, a file's new content): the phone, the chat's
 * history and Telegram's servers should not learn a password because an assistant asked to run a command with it.
 * Masking is for display only; what runs is what the assistant asked for. A heuristic: it errs towards hiding.
 */
public final class SecretMask {

    /** What replaces a secret. */
    public static final String MASK = "***";

    /** A secret with a recognizable prefix: the prefix stays, so the owner still sees what kind of key it was. */
    private static final List<Pattern> PREFIXED = List.of(
            // Bearer and basic credentials, whatever their shape.
            Pattern.compile("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)(\\bBasic\\s+)[A-Za-z0-9+/=]{8,}"),
            // Telegram bot tokens: the bot id stays (it is public).
            Pattern.compile("(\\b\\d{5,15}:)[A-Za-z0-9_-]{30,}"),
            // OpenAI, Anthropic and similar keys.
            Pattern.compile("(\\bsk-(?:ant-|proj-|live-|test-)?)[A-Za-z0-9_-]{16,}"),
            // GitHub tokens.
            Pattern.compile("(\\b(?:ghp|gho|ghu|ghs|ghr)_)[A-Za-z0-9]{20,}"),
            Pattern.compile("(\\bgithub_pat_)[A-Za-z0-9_]{20,}"),
            // GitLab, npm, PyPI, Slack, Stripe-like, Google API keys, AWS access key ids.
            Pattern.compile("(\\bglpat-)[A-Za-z0-9_-]{16,}"),
            Pattern.compile("(\\bnpm_)[A-Za-z0-9]{30,}"),
            Pattern.compile("(\\bpypi-)[A-Za-z0-9_-]{30,}"),
            Pattern.compile("(\\bxox[abprs]-)[A-Za-z0-9-]{10,}"),
            Pattern.compile("(\\b(?:rk|pk|sk)_(?:live|test)_)[A-Za-z0-9]{10,}"),
            Pattern.compile("(\\bAIza)[0-9A-Za-z_-]{30,}"),
            Pattern.compile("(\\b(?:AKIA|ASIA))[0-9A-Z]{16}\\b"),
            // JSON Web Tokens: the header stays.
            Pattern.compile("(\\beyJ[A-Za-z0-9_-]{5,}\\.)[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
            // Credentials in a URL: scheme://user:password@host keeps the user.
            Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]+:)[^\\s@/]+(?=@)"),
            // Authorization and key headers.
            Pattern.compile("(?i)(\\b(?:Authorization|Proxy-Authorization|X-Api-Key|Api-Key|X-Auth-Token|Cookie)\\s*:"
                    + "\\s*)(?!Bearer\\s|Basic\\s|[^\\s'\"]*\\*\\*\\*)[^\\s'\"]{4,}"));

    private static final String SECRET_WORD = "(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key"
            + "|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key|pwd)";
    private static final String VALUE = "(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s'\"]+)";

    /** NAME=value and NAME: value (also in JSON and YAML) where the name says it holds a secret. */
    private static final Pattern ASSIGNED = Pattern.compile("(?i)(\\b[A-Za-z0-9_.-]*" + SECRET_WORD
            + "[A-Za-z0-9_.-]*[\"']?\\s*[=:]\\s*)" + VALUE);

    /** --name value and --name=value where the option's name says it holds a secret. */
    private static final Pattern OPTION = Pattern.compile("(?i)((?<![A-Za-z0-9_])--?[A-Za-z0-9_-]*" + SECRET_WORD
            + "[A-Za-z0-9_-]*(?:=|\\s+))" + VALUE);

    /** PEM private keys, whole. */
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z)");

    private SecretMask() {
    }

    /** The text with likely secrets replaced by {@link #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = PRIVATE_KEY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\n" + MASK + "\n"
                + (m.group(2).isEmpty() ? "" : m.group(2))));
        for (Pattern pattern : PREFIXED) {
            out = pattern.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        out = maskValues(ASSIGNED, out);
        return maskValues(OPTION, out);
    }

    /** Replaces group 2 (the value) of every match, keeping a quoted value's quotes. */
    private static String maskValues(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(m -> {
            String value = m.group(2);
            if (value.contains(MASK) || value.startsWith("$") || value.length() < 3) {
                // Already masked, a variable reference ($TOKEN: the value is not in the text), or too short to matter.
                return Matcher.quoteReplacement(m.group());
            }
            String quote = value.startsWith("\"") ? "\"" : value.startsWith("'") ? "'" : "";
            return Matcher.quoteReplacement(m.group(1) + quote + MASK + quote);
        });
    }
}

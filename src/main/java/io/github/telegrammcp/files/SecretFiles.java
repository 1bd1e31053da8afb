package io.github.telegrammcp.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognizes files that likely hold secrets (keys, credentials, environment files, cloud and SSH configuration), by
 * name and location; {@code .npmrc}/{@code .pypirc} by whether they contain a token or password.
 */
final class SecretFiles {

    /** Directories whose whole content is credentials or keys. */
    private static final Set<String> SECRET_DIRS = Set.of(".ssh", ".gnupg", ".aws", ".azure", ".kube",
            ".password-store");
    private static final Set<String> SECRET_NAMES = Set.of(".netrc", "_netrc", ".pgpass", ".git-credentials",
            ".htpasswd", ".dockercfg", ".boto", ".s3cfg", ".my.cnf", "secring.gpg");
    private static final Set<String> KEY_EXTENSIONS = Set.of("pem", "key", "p12", "pfx", "jks", "keystore", "kdbx",
            "ppk", "tfstate");
    private static final Set<String> PRIVATE_KEY_PREFIXES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");
    private static final Set<String> SECRET_PREFIXES = Set.of("credentials", "secrets", "client_secret");
    /** Committed templates of environment files hold placeholders, not secrets. */
    private static final Set<String> ENV_TEMPLATES = Set.of(".env.example", ".env.sample", ".env.template");
    private static final Set<String> TOKEN_CONFIGS = Set.of(".npmrc", ".pypirc", ".yarnrc.yml");
    private static final Pattern TOKEN_LINE = Pattern.compile(
            "(?im)^(?!\\s*[#;]).*?(_authtoken|_auth|_password|password|token)\\s*[=:]");
    private static final int TOKEN_SCAN_BYTES = 64 * 1024;

    private SecretFiles() {
    }

    /** Why {@code path} (absolute) looks like a secret, or empty when it does not. */
    static Optional<String> reason(Path path) {
        String previous = null;
        for (int i = 0; i < path.getNameCount(); i++) {
            String name = path.getName(i).toString().toLowerCase(Locale.ROOT);
            if (SECRET_DIRS.contains(name) && i < path.getNameCount() - 1) {
                return Optional.of("it is inside " + path.getName(i) + "/, which holds keys and credentials");
            }
            if (".git".equals(previous) && "config".equals(name)) {
                return Optional.of(".git/config can carry credentials in remote URLs");
            }
            // Projects keep container set-ups in .docker/ too; only the client's config.json holds registry logins.
            if (".docker".equals(previous) && "config.json".equals(name)) {
                return Optional.of(".docker/config.json holds registry logins");
            }
            previous = name;
        }
        Path fileName = path.getFileName();
        return fileName == null ? Optional.empty() : byName(fileName.toString(), path);
    }

    private static Optional<String> byName(String original, Path path) {
        String name = original.toLowerCase(Locale.ROOT);
        if (ENV_TEMPLATES.contains(name)) {
            return Optional.empty();
        }
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
            return Optional.of(original + " is an environment file, which usually holds API keys and passwords");
        }
        if (SECRET_NAMES.contains(name)) {
            return Optional.of(original + " holds credentials");
        }
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (KEY_EXTENSIONS.contains(extension)) {
            return Optional.of("." + extension + " files hold private keys, certificates with keys or secret state");
        }
        if (PRIVATE_KEY_PREFIXES.stream().anyMatch(name::startsWith) && !name.endsWith(".pub")) {
            return Optional.of(original + " is an SSH private key");
        }
        if (SECRET_PREFIXES.stream().anyMatch(name::startsWith)) {
            return Optional.of("its name says it holds credentials or secrets");
        }
        if (TOKEN_CONFIGS.contains(name) && containsToken(path)) {
            return Optional.of(original + " contains a registry token or password");
        }
        return Optional.empty();
    }

    private static boolean containsToken(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(TOKEN_SCAN_BYTES), StandardCharsets.UTF_8);
            return TOKEN_LINE.matcher(head).find();
        } catch (IOException e) {
            // Unreadable: we cannot show it holds no token, so treat it as if it did.
            return true;
        }
    }
}

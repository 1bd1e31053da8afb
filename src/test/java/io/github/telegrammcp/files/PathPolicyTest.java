package io.github.telegrammcp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.telegrammcp.files.PathRefusedException.Reason;

class PathPolicyTest {

    @TempDir
    Path tmp;

    Path project;
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        project = Files.createDirectories(tmp.resolve("project"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(Files.createDirectories(project.resolve("build")).resolve("report.txt"), "ok");
        Files.writeString(outside.resolve("notes.txt"), "outside");
    }

    @Test
    void aHardLinkToAFileOutsideIsRefusedAndSaysToSendACopy() throws IOException {
        Path link = project.resolve("innocent.txt");
        Files.createLink(link, outside.resolve("notes.txt"));
        assertThatThrownBy(() -> PathPolicy.resolve(project, "innocent.txt", List.of(), false))
                .isInstanceOfSatisfying(PathRefusedException.class, e -> assertThat(e.reason()).isEqualTo(
                        Reason.HARD_LINK))
                .hasMessageContaining("has 2 names (hard links)").hasMessageContaining("cp innocent.txt");
        // The owner's explicit force (/file ... force) may still show it.
        assertThat(PathPolicy.resolve(project, "innocent.txt", List.of(), true)).isEqualTo(link.toRealPath());
        // A file with a single name is fine, and so is its copy.
        Files.copy(link, project.resolve("copy.txt"));
        assertThat(PathPolicy.resolve(project, "copy.txt", List.of(), false)).isEqualTo(project.resolve("copy.txt")
                .toRealPath());
    }

    @Test
    void relativePathResolvesInsideTheProject() throws IOException {
        Path resolved = PathPolicy.resolve(project, "build/report.txt", List.of(), false);
        assertThat(resolved).isEqualTo(project.resolve("build/report.txt").toRealPath());
    }

    @Test
    void absolutePathInsideTheProjectIsAccepted() throws IOException {
        String absolute = project.resolve("build/report.txt").toString();
        assertThat(PathPolicy.resolve(project, absolute, List.of(), false)).isEqualTo(Path.of(absolute).toRealPath());
    }

    @Test
    void dotDotOutOfTheProjectIsRefused() {
        assertRefused("../elsewhere/notes.txt", Reason.OUTSIDE, "outside the project directory");
        assertRefused("build/../../elsewhere/notes.txt", Reason.OUTSIDE, "TELEGRAM_ALLOWED_PATHS");
    }

    @Test
    void dotDotThatStaysInsideIsFine() {
        assertThat(PathPolicy.resolve(project, "build/../build/report.txt", List.of(), false)).exists();
    }

    @Test
    void absolutePathElsewhereIsRefusedEvenWhenItDoesNotExist() {
        assertRefused(outside.resolve("notes.txt").toString(), Reason.OUTSIDE, "Copy the file into the project");
        // no "not found" for outside paths: probing must not reveal what exists there
        assertRefused("/etc/definitely-missing-file", Reason.OUTSIDE, "outside");
        assertRefused("/etc/passwd", Reason.OUTSIDE, "outside");
    }

    @Test
    void symlinkPointingOutIsRefused() throws IOException {
        Files.createSymbolicLink(project.resolve("link.txt"), outside.resolve("notes.txt"));
        Files.createSymbolicLink(project.resolve("linkdir"), outside);
        assertRefused("link.txt", Reason.OUTSIDE, "symbolic link");
        assertRefused("linkdir/notes.txt", Reason.OUTSIDE, "symbolic link");
    }

    @Test
    void symlinkInsideTheProjectIsFollowed() throws IOException {
        Files.createSymbolicLink(project.resolve("latest.txt"), project.resolve("build/report.txt"));
        assertThat(PathPolicy.resolve(project, "latest.txt", List.of(), false))
                .isEqualTo(project.resolve("build/report.txt").toRealPath());
    }

    @Test
    void allowedPathsOpenExtraRootsIncludingThroughSymlinks() throws IOException {
        Files.createSymbolicLink(project.resolve("link.txt"), outside.resolve("notes.txt"));
        List<Path> extra = List.of(outside);
        assertThat(PathPolicy.resolve(project, outside.resolve("notes.txt").toString(), extra, false)).exists();
        assertThat(PathPolicy.resolve(project, "link.txt", extra, false))
                .isEqualTo(outside.resolve("notes.txt").toRealPath());
        assertThatThrownBy(() -> PathPolicy.resolve(project, tmp.resolve("other.txt").toString(), extra, false))
                .isInstanceOf(PathRefusedException.class);
    }

    @Test
    void missingFileIsNotFoundWithItsRelativePath() {
        assertThatThrownBy(() -> PathPolicy.resolve(project, "build/missing.png", List.of(), false))
                .isInstanceOf(PathRefusedException.class)
                .hasMessageStartingWith("File not found: build/missing.png")
                .extracting(e -> ((PathRefusedException) e).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void brokenSymlinkIsNotFound() throws IOException {
        Files.createSymbolicLink(project.resolve("dangling"), project.resolve("nothing-here"));
        assertRefused("dangling", Reason.NOT_FOUND, "File not found");
    }

    @Test
    void directoriesAndBlankPathsAreRefused() {
        assertRefused("build", Reason.NOT_A_FILE, "is a directory");
        assertRefused(".", Reason.NOT_A_FILE, "is a directory");
        assertRefused("  ", Reason.INVALID, "No path given");
        assertRefused("bad\0name", Reason.INVALID, "not a valid file path");
    }

    @ParameterizedTest
    @ValueSource(strings = { ".env", ".env.production", "config/prod.env", "id_rsa", "keys/id_ed25519", "id_rsa_work",
            "server.pem", "tls/server.key", "cert.p12", "store.jks", "credentials", "credentials.json",
            "secrets.yaml", "client_secret_123.json", ".netrc", ".pgpass", ".git-credentials", ".ssh/config",
            "home/.ssh/known_hosts", ".aws/config", ".git/config", "terraform.tfstate", ".docker/config.json" })
    void likelySecretsAreRefused(String name) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "secret");
        assertRefused(name, Reason.SECRET, "looks like a secret");
        assertThat(PathPolicy.resolve(project, name, List.of(), true)).as("allowSecrets").exists();
    }

    @ParameterizedTest
    @ValueSource(strings = { ".env.example", "id_rsa.pub", "environment.md", "src/keyboard.c", "docs/secretary.txt",
            ".docker/nginx/default.conf", "README.md", ".gitignore", "build.gradle.kts" })
    void ordinaryFilesThatMerelyLookCloseAreAllowed(String name) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "content");
        assertThat(PathPolicy.resolve(project, name, List.of(), false)).exists();
    }

    @Test
    void npmrcIsRefusedOnlyWhenItHoldsAToken() throws IOException {
        Files.writeString(project.resolve(".npmrc"), "registry=https://registry.npmjs.org/\n");
        assertThat(PathPolicy.resolve(project, ".npmrc", List.of(), false)).exists();
        Files.writeString(project.resolve(".npmrc"), "//registry.npmjs.org/:_authToken=npm_abc\n");
        assertRefused(".npmrc", Reason.SECRET, "token or password");
        Files.writeString(project.resolve(".pypirc"), "[pypi]\nusername = __token__\npassword = pypi-xyz\n");
        assertRefused(".pypirc", Reason.SECRET, "token or password");
    }

    @Test
    void symlinkWithAnInnocentNameToASecretIsRefused() throws IOException {
        Files.writeString(project.resolve(".env"), "API_KEY=x");
        Files.createSymbolicLink(project.resolve("notes.txt"), project.resolve(".env"));
        assertRefused("notes.txt", Reason.SECRET, ".env is an environment file");
    }

    @Test
    void messagesNameNoJavaTypes() {
        assertThatThrownBy(() -> PathPolicy.resolve(project, "../x", List.of(), false))
                .hasMessageNotContaining("Exception").hasMessageNotContaining("java.");
    }

    private void assertRefused(String requested, Reason reason, String messagePart) {
        assertThatThrownBy(() -> PathPolicy.resolve(project, requested, List.of(), false))
                .isInstanceOf(PathRefusedException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((PathRefusedException) e).reason()).isEqualTo(reason);
    }
}

package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FileCommandTest {

    @Test
    void pathsWithSpacesAndTrailingFlagsAreParsed() {
        assertThat(FileCommand.parse("src/My File.java")).isEqualTo(new FileCommand.Request("src/My File.java", false,
                false));
        assertThat(FileCommand.parse("src/My File.java download")).isEqualTo(new FileCommand.Request(
                "src/My File.java", true, false));
        assertThat(FileCommand.parse("\".env\" FORCE download")).isEqualTo(new FileCommand.Request(".env", true,
                true));
        assertThat(FileCommand.parse("'a b'")).isEqualTo(new FileCommand.Request("a b", false, false));
        assertThat(FileCommand.parse("download")).isEqualTo(new FileCommand.Request("", true, false));
        assertThat(FileCommand.parse("\"download\"")).isEqualTo(new FileCommand.Request("download", false, false));
        assertThat(FileCommand.parse("")).isEqualTo(new FileCommand.Request("", false, false));
    }

    @Test
    void textIsUtf8WithoutNulBytes() {
        assertThat(FileCommand.decodeText("héllo 世界".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("héllo 世界");
        assertThat(FileCommand.decodeText(new byte[] { 'a', 0, 'b' })).isNull();
        assertThat(FileCommand.decodeText(new byte[] { (byte) 0xC3, (byte) 0x28 })).isNull();
    }

    @Test
    void languageFollowsTheExtension() {
        assertThat(FileCommand.language(Path.of("a/b/Main.JAVA"))).isEqualTo("java");
        assertThat(FileCommand.language(Path.of("README"))).isNull();
    }
}

package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void masksKeysWithKnownPrefixesAndKeepsThePrefix() {
        assertThat(SecretMask.mask("curl -H 'x-api-key: sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345' https://a"))
                .doesNotContain("abcdefghijklmnop").contains("sk-ant-***");
        assertThat(SecretMask.mask("git push https://x:ghp_0123456789abcdefghijABCDEFGHIJ@github.com/a/b"))
                .doesNotContain("0123456789abcdefghij");
        assertThat(SecretMask.mask("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")).doesNotContain("IOSFODNN7EXAMPLE");
        assertThat(SecretMask.mask("bot 123456789:AAFakeTokenForTestsOnly_abcdefghijk")).isEqualTo("bot 123456789:***");
        assertThat(SecretMask.mask("npm config set //registry/:_authToken npm_abcdefghijklmnopqrstuvwxyz0123456789"))
                .doesNotContain("abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(SecretMask.mask("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"))
                .isEqualTo("Authorization: Bearer ***");
    }

    @Test
    void masksValuesOfSecretNamesInAssignmentsOptionsJsonAndUrls() {
        assertThat(SecretMask.mask("PGPASSWORD=hunter22 psql -h db")).isEqualTo("PGPASSWORD=*** psql -h db");
        assertThat(SecretMask.mask("mysql --password=hunter22 -u root")).isEqualTo("mysql --password=*** -u root");
        assertThat(SecretMask.mask("deploy --api-key s3cr3tvalue --region eu")).isEqualTo("deploy --api-key *** --region eu");
        assertThat(SecretMask.mask("{\"client_secret\": \"abc123xyz\", \"name\": \"ok\"}"))
                .isEqualTo("{\"client_secret\": \"***\", \"name\": \"ok\"}");
        assertThat(SecretMask.mask("DB_URL=postgres://admin:pa55word@db:5432/app"))
                .isEqualTo("DB_URL=postgres://admin:***@db:5432/app");
        assertThat(SecretMask.mask("token: 'abcdef'")).isEqualTo("token: '***'");
    }

    @Test
    void masksPrivateKeysWhole() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAA\n-----END OPENSSH PRIVATE KEY-----";
        assertThat(SecretMask.mask("cat > id <<EOF\n" + key + "\nEOF")).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA")
                .contains("-----BEGIN OPENSSH PRIVATE KEY-----").contains("-----END OPENSSH PRIVATE KEY-----");
    }

    @Test
    void leavesOrdinaryCommandsAndVariableReferencesAlone() {
        for (String text : new String[] { "npm test", "git commit -m 'fix the login page'", "ls -la /etc",
                "echo $API_TOKEN | wc -c", "curl -H \"Authorization: Bearer $TOKEN\" https://api", "rm -rf build/",
                "python3 -c 'print(1+1)'", "" }) {
            assertThat(SecretMask.mask(text)).as(text).isEqualTo(text);
        }
        assertThat(SecretMask.mask(null)).isNull();
    }
}

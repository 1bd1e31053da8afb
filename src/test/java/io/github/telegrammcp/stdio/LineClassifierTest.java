package io.github.telegrammcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.stdio.Classified.Kind;
import io.vertx.core.json.Json;

class LineClassifierTest {

    static Classified classify(String line) {
        return classify(line.getBytes(StandardCharsets.UTF_8));
    }

    static Classified classify(byte[] line) {
        return LineClassifier.classify(line, 0, line.length);
    }

    @Test
    void emptyAndBlankLinesAreParseErrors() {
        for (String line : new String[] { "", " ", "\t \r" }) {
            assertThat(classify(line).kind()).as("[%s]", line).isEqualTo(Kind.NOT_JSON);
            assertThat(classify(line).errorCode()).isEqualTo(-32700);
            assertThat(classify(line).problem()).contains("empty");
        }
    }

    @Test
    void garbageTruncatedAndDoubledLinesAreParseErrors() {
        String[] lines = { "garbage", "{\"jsonrpc\":\"2.0\",\"id\":5,", "{\"a\":1}{\"b\":2}", "{\"a\":1} {\"b\":2}",
                "{\"a\":1}]", "{\"a\":1} // comment", "{'a':1}", "{\"a\":01}", "{\"a\":1,}", "[1,]", "{\"a\":NaN}",
                "{\"a\":\"tab\there\"}", "nul", "\"unterminated", "{\"a\":1}\u0000", "{\"id\":1,\"method\":\"ping\"}x" };
        for (String line : lines) {
            Classified c = classify(line);
            assertThat(c.kind()).as(line).isEqualTo(Kind.NOT_JSON);
            assertThat(c.problem()).as(line).isNotBlank();
        }
        assertThat(classify("{\"a\":1}{\"b\":2}").problem()).contains("more than one JSON value");
    }

    @Test
    void nestingIsLimitedTo128Levels() {
        String ok = "[".repeat(LineClassifier.MAX_DEPTH) + "]".repeat(LineClassifier.MAX_DEPTH);
        assertThat(classify(ok).kind()).isEqualTo(Kind.BATCH);
        String deep = "[".repeat(LineClassifier.MAX_DEPTH + 1) + "]".repeat(LineClassifier.MAX_DEPTH + 1);
        assertThat(classify(deep).kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(classify(deep).problem()).isEqualTo("nested deeper than 128 levels");
        String veryDeep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThat(classify(veryDeep).kind()).isEqualTo(Kind.NOT_JSON);
    }

    @Test
    void theDecodersOwnLimitsAreKept() {
        assertThat(classify("{\"a\":" + "1".repeat(1001) + "}").kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(classify("{\"" + "k".repeat(50_001) + "\":1}").kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(classify("{\"a\":" + "1".repeat(1000) + "}").kind()).isEqualTo(Kind.REQUEST);
    }

    @Test
    void invalidUtf8InsideAStringIsReadAsTheExtensionReadsIt() {
        byte[] line = bytes("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"x\":\"", 0xFF, 0xC3, 'a',
                0xED, 0xA0, 0x80, "\"}}");
        Classified c = classify(line);
        assertThat(c.kind()).isEqualTo(Kind.REQUEST);
        assertThat(c.id()).isEqualTo(RpcId.ofInteger("3"));
        assertThat(classify(bytes("{\"a\":1}", 0xFF)).kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(classify(bytes("{", 0xFF, "\":1}")).kind()).isEqualTo(Kind.NOT_JSON);
    }

    @Test
    void otherEncodingsThanUtf8NeverPass() {
        byte[][] lines = { bytes('{', 0, '}', 0), bytes(0xFF, 0xFE, '{', 0, '}', 0), bytes(0xFE, 0xFF, 0, '{', 0, '}'),
                bytes(0xEF, 0xBB, 0xBF, '{', '}'), bytes(0, 0, 0, '[', 0, 0, 0, ']'), bytes(0, '[', 0, ']'),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), "[1]".getBytes(StandardCharsets.UTF_16) };
        for (byte[] line : lines) {
            assertThat(classify(line).kind()).as(java.util.Arrays.toString(line)).isEqualTo(Kind.NOT_JSON);
        }
        assertThat(classify(bytes(0xFF, 0xFE, '{', 0, '}', 0)).problem()).contains("byte 0xff").contains("UTF-8");
    }

    @Test
    void scalarsAndNonObjectsAreInvalidRequests() {
        for (String line : new String[] { "5", "\"text\"", "null", "true" }) {
            Classified c = classify(line);
            assertThat(c.kind()).as(line).isEqualTo(Kind.INVALID);
            assertThat(c.errorCode()).isEqualTo(-32600);
            assertThat(c.id()).isNull();
        }
        assertThat(classify("[]").kind()).isEqualTo(Kind.BATCH);
        assertThat(classify("[1,{\"a\":2}]").kind()).isEqualTo(Kind.BATCH);
    }

    @Test
    void requestsNotificationsAndResponsesAreTold() {
        Classified request = classify("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"tools/list\"}");
        assertThat(request.kind()).isEqualTo(Kind.REQUEST);
        assertThat(request.method()).isEqualTo("tools/list");
        assertThat(request.id()).isEqualTo(RpcId.ofString("a-1"));
        assertThat(request.id().json()).isEqualTo("\"a-1\"");
        assertThat(request.jsonrpcOk()).isTrue();

        Classified notification = classify("{\"method\":\"notifications/foo\",\"jsonrpc\":\"2.0\",\"params\":{}}");
        assertThat(notification.kind()).isEqualTo(Kind.NOTIFICATION);
        assertThat(notification.isNotification("notifications/foo")).isTrue();
        assertThat(notification.id()).isNull();

        Classified response = classify("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"roots\":[]}}");
        assertThat(response.kind()).isEqualTo(Kind.RESPONSE);
        assertThat(response.id()).isEqualTo(RpcId.ofInteger("4"));
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":1,\"message\":\"x\"}}").kind())
                .isEqualTo(Kind.RESPONSE);

        assertThat(classify("{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"ping\"}").jsonrpcOk()).isFalse();
        assertThat(classify("{\"jsonrpc\":2,\"id\":4,\"method\":\"ping\"}").kind()).as("the extension answers it")
                .isEqualTo(Kind.REQUEST);
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}").kind()).isEqualTo(Kind.REQUEST);
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"id\":7}").kind()).as("no method: the extension says so")
                .isEqualTo(Kind.REQUEST);
    }

    @Test
    void theCancelledRequestIdIsRead() {
        Classified cancel = classify("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"reason\":\"user pressed Esc\",\"requestId\":12}}");
        assertThat(cancel.isNotification("notifications/cancelled")).isTrue();
        assertThat(cancel.cancelledId()).isEqualTo(RpcId.ofInteger("12"));
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":\"x\"}}").cancelledId()).isEqualTo(RpcId.ofString("x"));
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":5}").problem())
                .isEqualTo("params must be a JSON object");
    }

    @Test
    void idsCompareAsTheExtensionEchoesThem() {
        assertThat(RpcId.ofDecimal("1e2")).isEqualTo(RpcId.ofDecimal("100.0"));
        assertThat(RpcId.ofInteger("007")).isEqualTo(RpcId.ofInteger("7"));
        assertThat(RpcId.ofInteger("7")).isNotEqualTo(RpcId.ofString("7"));
        assertThat(RpcId.ofString("say \"hi\"").json()).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void malformedEnvelopesAreAnsweredWithTheirId() {
        Classified badId = classify("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}");
        assertThat(badId.kind()).isEqualTo(Kind.INVALID);
        assertThat(badId.errorCode()).isEqualTo(-32600);
        assertThat(badId.id()).isNull();
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}").kind()).isEqualTo(Kind.INVALID);

        Classified badMethod = classify("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":7}");
        assertThat(badMethod.kind()).isEqualTo(Kind.INVALID);
        assertThat(badMethod.id()).isEqualTo(RpcId.ofInteger("6"));

        assertInvalidParams("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\",\"params\":[1]}", "params must be");
        assertInvalidParams("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\"}", "tools/call needs params");
        assertInvalidParams("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"prompts/get\"}", "prompts/get needs params");
        assertInvalidParams("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{}}", "params.name");
        assertInvalidParams("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"arguments\":[1]}}", "params.arguments");
        assertInvalidParams("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"_meta\":[1]}}", "params._meta");
        assertThat(classify("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"arguments\":null,\"_meta\":{\"progressToken\":1}}}").kind()).isEqualTo(Kind.REQUEST);
    }

    private static void assertInvalidParams(String line, String problem) {
        Classified c = classify(line);
        assertThat(c.kind()).as(line).isEqualTo(Kind.INVALID);
        assertThat(c.errorCode()).isEqualTo(-32602);
        assertThat(c.id()).isEqualTo(RpcId.ofInteger("8"));
        assertThat(c.problem()).contains(problem);
    }

    /**
     * The property the whole guard rests on: whatever it lets through, the extension's decoder (Vert.x over Jackson)
     * parses. Valid messages are cut, spliced, doubled and sprinkled with random bytes; every variant is classified.
     */
    @Test
    void everyLineLetThroughIsOneValueForTheExtensionsDecoder() {
        String[] seeds = { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"telegram_send\","
                + "\"arguments\":{\"message\":\"héllo \\\"x\\\" \\u00e9 😀\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}",
                "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"},{\"a\":[1,2.5e3,-0.1,true,false,null]}]",
                "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"nested\":{\"deeper\":[[[{}]]]}}}" };
        Random random = new Random(11);
        int letThrough = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] line = mutate(seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8), random);
            Classified c = classify(line);
            if (c.kind() == Kind.NOT_JSON) {
                refused++;
                continue;
            }
            letThrough++;
            String asTheExtensionReadsIt = new String(line, StandardCharsets.UTF_8);
            try {
                Json.decodeValue(asTheExtensionReadsIt);
            } catch (RuntimeException e) {
                throw new AssertionError("let through but the extension cannot parse it: " + asTheExtensionReadsIt, e);
            }
        }
        assertThat(letThrough).as("some variants are still valid").isGreaterThan(1000);
        assertThat(refused).as("most variants are broken").isGreaterThan(5000);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(7)) {
            case 0 -> out.write(seed, 0, random.nextInt(seed.length + 1));
            case 1 -> {
                out.writeBytes(seed);
                out.writeBytes(seed);
            }
            case 2 -> {
                int at = random.nextInt(seed.length);
                out.write(seed, 0, at);
                out.write(random.nextInt(256));
                out.write(seed, at, seed.length - at);
            }
            case 3 -> {
                int at = random.nextInt(seed.length);
                int resume = Math.min(seed.length, at + 1 + random.nextInt(3));
                out.write(seed, 0, at);
                out.write(seed, resume, seed.length - resume);
            }
            case 4 -> {
                byte[] copy = seed.clone();
                copy[random.nextInt(copy.length)] = (byte) " \t\r{}[],:\"\\0e-.x".charAt(random.nextInt(16));
                out.writeBytes(copy);
            }
            case 5 -> {
                // The same message in another encoding, with or without a byte-order mark.
                java.nio.charset.Charset[] others = { StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                        StandardCharsets.UTF_16BE, java.nio.charset.Charset.forName("UTF-32LE") };
                if (random.nextBoolean()) {
                    out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
                }
                out.writeBytes(new String(seed, StandardCharsets.UTF_8).getBytes(others[random.nextInt(others.length)]));
            }
            default -> out.writeBytes(seed);
        }
        return out.toByteArray();
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (part instanceof Character c) {
                out.write(c);
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}

package io.github.telegrammcp.stdio;

import java.math.BigInteger;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A JSON-RPC request id as the guard compares it: a string, or a number in a canonical form (so that {@code 1e2} sent
 * by the client and {@code 100.0} written back by the extension are the same id).
 *
 * @param key what equality is based on (only this)
 * @param json the id as a JSON literal, to echo it in an error answer
 */
record RpcId(String key, String json) {

    static RpcId ofString(String value) {
        return new RpcId("s:" + value, "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"");
    }

    static RpcId ofInteger(String digits) {
        return new RpcId("n:" + new BigInteger(digits), digits);
    }

    static RpcId ofDecimal(String text) {
        return new RpcId("n:" + Double.parseDouble(text), text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RpcId id && id.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}

package io.github.telegrammcp.fake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parses a {@code multipart/form-data} body into text fields and file parts. */
final class MultipartParser {

    private final byte[] body;
    private final byte[] delimiter;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, UploadedFile> files = new LinkedHashMap<>();

    private MultipartParser(byte[] body, String boundary) {
        this.body = body;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns the boundary parameter of a multipart Content-Type, or null. */
    static String boundaryOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                return unquote(p.substring("boundary=".length()));
            }
        }
        return null;
    }

    /** Parses the body, adding text fields to {@code fields} and file parts to {@code files}. */
    static void parse(byte[] body, String boundary, Map<String, String> fields, Map<String, UploadedFile> files) {
        MultipartParser parser = new MultipartParser(body, boundary);
        parser.run();
        fields.putAll(parser.fields);
        files.putAll(parser.files);
    }

    private void run() {
        // The first delimiter may sit at the very start, without the leading CRLF
        int pos;
        if (startsWith(0, Arrays.copyOfRange(delimiter, 2, delimiter.length))) {
            pos = delimiter.length - 2;
        } else {
            int first = indexOf(delimiter, 0);
            if (first < 0) {
                throw BotApiError.badRequest("can't parse multipart/form-data request");
            }
            pos = first + delimiter.length;
        }
        while (true) {
            if (startsWith(pos, new byte[] { '-', '-' })) {
                return;
            }
            pos = skipLineEnd(pos);
            int headersEnd = indexOf(new byte[] { '\r', '\n', '\r', '\n' }, pos);
            if (headersEnd < 0) {
                throw BotApiError.badRequest("can't parse multipart/form-data request");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(delimiter, contentStart);
            if (contentEnd < 0) {
                throw BotApiError.badRequest("can't parse multipart/form-data request");
            }
            addPart(headers, Arrays.copyOfRange(body, contentStart, contentEnd));
            pos = contentEnd + delimiter.length;
        }
    }

    private void addPart(String headers, byte[] content) {
        String name = null;
        String fileName = null;
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                name = dispositionParam(value, "name");
                fileName = dispositionParam(value, "filename");
                String extended = dispositionParam(value, "filename*");
                if (extended != null) {
                    fileName = decodeExtended(extended);
                }
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            return;
        }
        if (fileName == null) {
            fields.put(name, new String(content, StandardCharsets.UTF_8));
        } else {
            files.put(name, new UploadedFile(name, fileName,
                    contentType == null ? "application/octet-stream" : contentType, content));
        }
    }

    private static String dispositionParam(String disposition, String param) {
        String lower = disposition.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lower.indexOf(param + "=", from);
            if (at < 0) {
                return null;
            }
            char before = at == 0 ? ';' : lower.charAt(at - 1);
            if (before == ';' || before == ' ') {
                int start = at + param.length() + 1;
                if (start < disposition.length() && disposition.charAt(start) == '"') {
                    StringBuilder value = new StringBuilder();
                    for (int i = start + 1; i < disposition.length() && disposition.charAt(i) != '"'; i++) {
                        char c = disposition.charAt(i);
                        if (c == '\\' && i + 1 < disposition.length()) {
                            c = disposition.charAt(++i);
                        }
                        value.append(c);
                    }
                    return value.toString();
                }
                int end = disposition.indexOf(';', start);
                return disposition.substring(start, end < 0 ? disposition.length() : end).trim();
            }
            from = at + 1;
        }
    }

    /** Decodes an RFC 5987 value such as {@code UTF-8''na%C3%AFve.txt}. */
    private static String decodeExtended(String value) {
        int quote = value.indexOf("''");
        String encoded = quote < 0 ? value : value.substring(quote + 2);
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private int skipLineEnd(int pos) {
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
            pos++;
        }
        return startsWith(pos, new byte[] { '\r', '\n' }) ? pos + 2 : pos;
    }

    private boolean startsWith(int pos, byte[] prefix) {
        if (pos < 0 || pos + prefix.length > body.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (body[pos + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte[] needle, int from) {
        byte first = needle[0];
        int last = body.length - needle.length;
        for (int p = Math.max(from, 0); p <= last; p++) {
            if (body[p] == first && startsWith(p, needle)) {
                return p;
            }
        }
        return -1;
    }
}

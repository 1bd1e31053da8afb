package io.github.telegrammcp.fake;

/** A file part of a multipart request: form field, file name, content type and bytes. */
public record UploadedFile(String field, String fileName, String contentType, byte[] bytes) {

    /** Size in bytes. */
    public int size() {
        return bytes.length;
    }
}

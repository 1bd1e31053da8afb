package io.github.telegrammcp.telegram;

import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.vertx.core.buffer.Buffer;

/** Builds the multipart bodies of sendPhoto and sendDocument. */
final class MultipartForms {

    private MultipartForms() {
    }

    /**
     * A fresh form for one attempt (a form is consumed when sent). {@code field} is {@code photo} or {@code document};
     * a null {@code parseMode} sends the caption as plain text; a null {@code threadId} posts in the main chat.
     */
    static ClientMultipartForm upload(long chatId, Long threadId, String field, OutboundFile file, String caption,
            String parseMode) {
        ClientMultipartForm form = ClientMultipartForm.create().setCharset(StandardCharsets.UTF_8);
        form.attribute("chat_id", Long.toString(chatId), null);
        if (threadId != null) {
            form.attribute("message_thread_id", Long.toString(threadId), null);
        }
        if (caption != null && !caption.isEmpty()) {
            form.attribute("caption", caption, null);
            if (parseMode != null) {
                form.attribute("parse_mode", parseMode, null);
            }
        }
        if (file.path() != null) {
            form.binaryFileUpload(field, file.fileName(), file.path().toString(), file.contentType());
        } else {
            form.binaryFileUpload(field, file.fileName(), Buffer.buffer(file.bytes()), file.contentType());
        }
        return form;
    }
}

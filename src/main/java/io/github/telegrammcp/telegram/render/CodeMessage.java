package io.github.telegrammcp.telegram.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** How a piece of code goes to Telegram: as a few HTML messages, or as a file. */
public sealed interface CodeMessage permits CodeMessage.Messages, CodeMessage.AsDocument {

    /** HTML messages to send in order with {@code parse_mode=HTML}; each fits the limit it was formatted for. */
    record Messages(List<String> html) implements CodeMessage {
        public Messages {
            html = List.copyOf(html);
        }
    }

    /**
     * A file to send with {@code sendDocument}. {@code captionHtml} fits a document caption, or is {@code null} when
     * there is no caption or it is too long; then {@code captionMessages} holds it as HTML messages to send first.
     */
    record AsDocument(String fileName, byte[] utf8, String captionHtml, List<String> captionMessages)
            implements CodeMessage {
        public AsDocument {
            Objects.requireNonNull(fileName, "fileName");
            utf8 = utf8.clone();
            captionMessages = List.copyOf(captionMessages);
        }

        /** The file content; a copy, so the record stays immutable. */
        @Override
        public byte[] utf8() {
            return utf8.clone();
        }

        /** The file content decoded as text. */
        public String content() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AsDocument that && fileName.equals(that.fileName) && Arrays.equals(utf8, that.utf8)
                    && Objects.equals(captionHtml, that.captionHtml) && captionMessages.equals(that.captionMessages);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileName, Arrays.hashCode(utf8), captionHtml, captionMessages);
        }

        @Override
        public String toString() {
            return "AsDocument[fileName=" + fileName + ", bytes=" + utf8.length + ", captionHtml=" + captionHtml
                    + ", captionMessages=" + captionMessages.size() + "]";
        }
    }
}

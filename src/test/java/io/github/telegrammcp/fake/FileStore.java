package io.github.telegrammcp.fake;

import java.util.HashMap;
import java.util.Map;

import io.github.telegrammcp.fake.BotApiTypes.File;

/** Files known to the fake by file_id and by file_path, with their bytes (or only a declared size). */
final class FileStore {

    /** A stored file; {@code bytes} is null for a file registered with only a declared size (served as zeros). */
    record StoredFile(String fileId, String fileUniqueId, String filePath, long size, byte[] bytes) {

        File asFile() {
            return new File(fileId, fileUniqueId, size, filePath);
        }
    }

    private final Map<String, StoredFile> byId = new HashMap<>();
    private final Map<String, StoredFile> byPath = new HashMap<>();
    private int counter;

    /** Stores a file; {@code kind} is photos, documents or voice and picks the id prefix and folder. */
    synchronized StoredFile add(String kind, String extension, byte[] bytes, long declaredSize) {
        int n = ++counter;
        String prefix = switch (kind) {
            case "photos" -> "AgACAgIAAxkBAAI";
            case "voice" -> "AwACAgIAAxkBAAI";
            default -> "BQACAgIAAxkBAAI";
        };
        String fileId = prefix + String.format("%06d", n) + "FakeFileId";
        String path = kind + "/file_" + n + (extension == null || extension.isEmpty() ? "" : "." + extension);
        StoredFile file = new StoredFile(fileId, "AQAD" + String.format("%06d", n), path,
                bytes == null ? declaredSize : bytes.length, bytes);
        byId.put(fileId, file);
        byPath.put(path, file);
        return file;
    }

    synchronized StoredFile byId(String fileId) {
        return fileId == null ? null : byId.get(fileId);
    }

    synchronized StoredFile byPath(String path) {
        return byPath.get(path);
    }

    static String extensionOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1);
    }
}

package io.github.telegrammcp.telegram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token buckets of {@link OutboundPacer}, kept in a small file of the state directory under an exclusive file lock
 * so that all server processes of this machine share them: Telegram's limit is per bot and chat, not per process, and
 * ten sessions pacing themselves separately would still send ten messages at once. A file rather than the database,
 * because pacing must keep working while the database host changes.
 */
final class SharedPacing {

    private final Path file;

    SharedPacing(Path file) {
        this.file = file;
    }

    /**
     * Takes a token from the chat's bucket (burst {@code burst}, one token every {@code intervalMillis}) and returns
     * how long the caller must wait before sending; tokens may go negative, which queues later callers behind it.
     */
    long reserve(long chatId, long now, int burst, long intervalMillis) throws IOException {
        // A file lock is held per process: threads of this process take turns first (else OverlappingFileLockException).
        synchronized (SharedPacing.class) {
            return reserveLocked(chatId, now, burst, intervalMillis);
        }
    }

    private long reserveLocked(long chatId, long now, int burst, long intervalMillis) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            Map<Long, double[]> buckets = read(channel);
            double[] bucket = buckets.computeIfAbsent(chatId, id -> new double[] { burst, now });
            double tokens = Math.min(burst, bucket[0] + Math.max(0, now - bucket[1]) / intervalMillis) - 1;
            buckets.put(chatId, new double[] { tokens, Math.max(now, bucket[1]) });
            write(channel, buckets);
            return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * intervalMillis);
        }
    }

    private static Map<Long, double[]> read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 16));
        channel.read(buffer, 0);
        Map<Long, double[]> buckets = new LinkedHashMap<>();
        for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3) {
                try {
                    buckets.put(Long.parseLong(f[0]), new double[] { Double.parseDouble(f[1]), Double.parseDouble(f[2]) });
                } catch (NumberFormatException e) {
                    // A torn or foreign line: that chat starts with a full bucket again.
                }
            }
        }
        return buckets;
    }

    private static void write(FileChannel channel, Map<Long, double[]> buckets) throws IOException {
        StringBuilder text = new StringBuilder();
        buckets.forEach((chat, b) -> text.append(chat).append(' ').append(b[0]).append(' ').append((long) b[1])
                .append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
    }
}

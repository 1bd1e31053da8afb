import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Telegram Bot API on 127.0.0.1, for bin/build-start-cache only: the server's training run talks to
 * it so that the start-up cache also holds what a working session loads (storing an update, routing a reply and a
 * button press, a command, a wait that gets a message), not only what start-up loads. Started with the JDK's
 * source launcher ({@code java bin/start-cache-bot-api.java}); prints its port, exits when stdin closes. Not a general
 * fake: it answers the few calls the training makes, as Telegram would, and invents the owner's side.
 */
public final class StartCacheBotApi {

    private static final long OWNER = 1;
    private static final Pattern CALLBACK = Pattern.compile("\"callback_data\"\\s*:\\s*\"([^\"]+)\"");

    private final Deque<String> updates = new ArrayDeque<>();
    private long nextUpdateId = 1;
    private int nextMessageId = 1;
    private boolean repliedToFirst;

    public static void main(String[] args) throws IOException {
        StartCacheBotApi api = new StartCacheBotApi();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", api::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "start-cache-bot-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        api.queueText("/sessions");
        api.queueText("hello from the start-cache training run");
        while (System.in.read() >= 0) {
            // Runs until stdin closes.
        }
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = path.substring(path.lastIndexOf('/') + 1);
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String result = switch (method) {
            case "getMe" -> "{\"id\":42,\"is_bot\":true,\"first_name\":\"Training\",\"username\":\"training_bot\"}";
            case "getUpdates" -> updates(number(body, "offset"), number(body, "timeout"));
            case "sendMessage", "sendPhoto", "sendDocument", "editMessageText" -> sent(body);
            default -> "true";
        };
        byte[] answer = ("{\"ok\":true,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** A message the bot sent: a press of its first button, or a reply to the first one without buttons, follows. */
    private synchronized String sent(String body) {
        int id = nextMessageId++;
        Matcher button = CALLBACK.matcher(body);
        String message = "{\"message_id\":" + id + ",\"date\":" + now() + ",\"chat\":{\"id\":" + OWNER
                + ",\"type\":\"private\"},\"text\":\"sent\"}";
        if (button.find()) {
            queue("\"callback_query\":{\"id\":\"cb" + id + "\",\"from\":" + owner() + ",\"message\":" + message
                    + ",\"chat_instance\":\"1\",\"data\":\"" + button.group(1) + "\"}");
        } else if (!repliedToFirst) {
            repliedToFirst = true;
            queue("\"message\":{\"message_id\":" + nextMessageId++ + ",\"from\":" + owner() + ",\"date\":" + now()
                    + ",\"chat\":{\"id\":" + OWNER + ",\"type\":\"private\"},\"text\":\"a reply from the training run\","
                    + "\"reply_to_message\":" + message + "}");
        }
        return message;
    }

    private synchronized void queueText(String text) {
        queue("\"message\":{\"message_id\":" + nextMessageId++ + ",\"from\":" + owner() + ",\"date\":" + now()
                + ",\"chat\":{\"id\":" + OWNER + ",\"type\":\"private\"},\"text\":\"" + text + "\""
                + (text.startsWith("/") ? ",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":"
                        + text.length() + "}]" : "") + "}");
    }

    private synchronized void queue(String content) {
        updates.add("{\"update_id\":" + nextUpdateId++ + "," + content + "}");
        notifyAll();
    }

    /** Confirms what lies below {@code offset}, then answers what is queued, holding up to {@code timeout} s. */
    private synchronized String updates(long offset, long timeout) {
        long deadline = System.currentTimeMillis() + Math.min(timeout, 10) * 1000;
        while (true) {
            while (!updates.isEmpty() && number(updates.peekFirst(), "update_id") < offset) {
                updates.removeFirst();
            }
            long left = deadline - System.currentTimeMillis();
            if (!updates.isEmpty() || left <= 0) {
                return "[" + String.join(",", updates) + "]";
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                return "[]";
            }
        }
    }

    private static String owner() {
        return "{\"id\":" + OWNER + ",\"is_bot\":false,\"first_name\":\"Owner\"}";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

package io.github.telegrammcp.setup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/**
 * Runs the fake Bot API as a process for {@code ci/real-clients.sh}: prints its base URL on the first line, then one
 * line {@code sent <chat id> <text>} per message the bot sends, until stdin closes (or the time limit in seconds given
 * as the only argument passes). The owner's {@code /start} is queued so that the wizard can find the chat id; each
 * stdin line {@code owner <text>} is another message from the owner.
 */
public final class FakeBotApiMain {

    private FakeBotApiMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long limitSeconds = args.length > 0 ? Long.parseLong(args[0]) : 900;
        try (FakeBotApi api = new FakeBotApi().start()) {
            api.injectOwnerText("/start");
            System.out.println(api.baseUrl());
            System.out.flush();
            Thread reader = new Thread(() -> {
                try {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("owner ")) {
                            api.injectOwnerText(line.substring("owner ".length()));
                        }
                    }
                } catch (IOException ignored) {
                    // Treated as the end of input.
                }
            });
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(limitSeconds).toNanos();
            int printed = 0;
            while (reader.isAlive() && System.nanoTime() < deadline) {
                reader.join(200);
                List<SentMessage> sent = api.sentMessages();
                for (; printed < sent.size(); printed++) {
                    String text = String.valueOf(sent.get(printed).visibleText()).replace('\n', ' ');
                    System.out.println("sent " + sent.get(printed).chatId() + " "
                            + text.substring(0, Math.min(80, text.length())));
                }
                System.out.flush();
            }
            System.err.println("fake Bot API: " + api.sentMessages().size() + " messages sent to it, stopping");
        }
    }
}

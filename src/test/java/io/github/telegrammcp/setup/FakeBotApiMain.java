package io.github.telegrammcp.setup;

import java.io.IOException;
import java.time.Duration;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * Runs the fake Bot API as a process for {@code ci/real-clients.sh}: prints its base URL on the first line, answers
 * until stdin closes (or the time limit in seconds given as the only argument passes), then stops. The owner's
 * {@code /start} is queued so that the wizard can find the chat id.
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
                    while (System.in.read() >= 0) {
                        // Discard: only the end of input matters.
                    }
                } catch (IOException ignored) {
                    // Treated as the end of input.
                }
            });
            reader.setDaemon(true);
            reader.start();
            reader.join(Duration.ofSeconds(limitSeconds).toMillis());
            System.err.println("fake Bot API: " + api.sentMessages().size() + " messages sent to it, stopping");
        }
    }
}

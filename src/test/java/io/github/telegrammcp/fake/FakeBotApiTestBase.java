package io.github.telegrammcp.fake;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake Bot API and an HTTP client for it around every test of the fake itself. */
abstract class FakeBotApiTestBase {

    protected FakeBotApi fake;
    protected BotApiTestClient client;

    @BeforeEach
    void startFake() {
        fake = new FakeBotApi().start();
        client = new BotApiTestClient(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }
}

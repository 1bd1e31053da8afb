package io.github.telegrammcp.fake;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link FakeBotApi} for a Quarkus test and points the application at it through {@code telegram.api-url},
 * {@code telegram.bot-token} and {@code telegram.chat-id}; fields annotated {@link InjectFakeBotApi} receive it.
 * Init argument {@code enforceFloodLimits=true} turns on Telegram's flood limits.
 */
public class FakeBotApiResource implements QuarkusTestResourceLifecycleManager {

    private FakeBotApi fake;
    private boolean enforceFloodLimits;

    @Override
    public void init(Map<String, String> initArgs) {
        enforceFloodLimits = Boolean.parseBoolean(initArgs.getOrDefault("enforceFloodLimits", "false"));
    }

    @Override
    public Map<String, String> start() {
        fake = new FakeBotApi().start();
        fake.enforceFloodLimits(enforceFloodLimits);
        return Map.of(
                "telegram.api-url", fake.baseUrl(),
                "telegram.bot-token", FakeBotApi.TOKEN,
                "telegram.chat-id", Long.toString(FakeBotApi.OWNER_CHAT_ID));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(fake,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeBotApi.class, FakeBotApi.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }
}

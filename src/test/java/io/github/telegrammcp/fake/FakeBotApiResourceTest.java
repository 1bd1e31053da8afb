package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/** The Quarkus test resource, driven by hand as Quarkus would. */
class FakeBotApiResourceTest {

    static class SomeTest {
        @InjectFakeBotApi
        FakeBotApi injected;

        FakeBotApi notAnnotated;
    }

    /** Sets the matching fields of one test instance, like Quarkus' own injector. */
    private static TestInjector injectorFor(Object testInstance) {
        return (value, predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    @Test
    void startsTheFakeAndPointsTheApplicationAtIt() {
        FakeBotApiResource resource = new FakeBotApiResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        SomeTest test = new SomeTest();
        try {
            resource.inject(injectorFor(test));

            assertThat(config).containsEntry("telegram.bot-token", FakeBotApi.TOKEN)
                    .containsEntry("telegram.chat-id", "1001")
                    .containsEntry("telegram.api-url", test.injected.baseUrl());
            assertThat(config.get("telegram.api-url")).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(test.notAnnotated).isNull();
            assertThat(test.injected.isRunning()).isTrue();
            assertThat(new BotApiTestClient(test.injected).get("getMe", null).ok()).isTrue();
        } finally {
            resource.stop();
        }
        assertThat(test.injected.isRunning()).isFalse();
    }
}

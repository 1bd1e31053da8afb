package io.github.telegrammcp.clients;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that gives each test method a fresh {@link ClientWorld} parameter and closes it (client processes,
 * terminals, the model stand-in, the fake Bot API) when the test ends. Use with {@code @ExtendWith(RealClientWorld.class)}.
 */
public final class RealClientWorld implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealClientWorld.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClientWorld.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("world", key -> {
            String name = context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getTestMethod().map(Method::getName).orElse("test");
            try {
                return new ClientWorld(ClientHome.fresh(name, RealClients.requireBinDir()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ClientWorld.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ClientWorld world = context.getStore(NAMESPACE).remove("world", ClientWorld.class);
        if (world != null) {
            world.close();
        }
    }
}

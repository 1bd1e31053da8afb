package io.github.telegrammcp.clients;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI against the model stand-in: {@code gemini -p} with {@code GOOGLE_GEMINI_BASE_URL} and a dummy
 * {@code GEMINI_API_KEY}, after trusting the project folder and choosing the API-key sign-in (see ClientHome).
 */
public final class GeminiCli {

    private GeminiCli() {
    }

    /** {@code gemini -p PROMPT --allowed-tools TOOLS} in the project, its output in {@code gemini.out}. */
    public static ClientProcess headless(ClientWorld world, Map<String, String> extraEnv, String prompt,
            String allowedTools) throws IOException {
        world.home().acceptGeminiPrompts();
        List<String> command = List.of(RealClients.require("gemini").toString(), "-p", prompt, "--allowed-tools",
                allowedTools);
        Map<String, String> env = world.home().env();
        env.put("GOOGLE_GEMINI_BASE_URL", world.model().baseUrl());
        env.put("GEMINI_API_KEY", "stand-in-key");
        env.putAll(extraEnv);
        return world.closeAtEnd(ClientProcess.start(command, world.home().project(), env,
                world.workDir().resolve("gemini.out")));
    }
}

package io.github.telegrammcp.fake;

/** One Bot API method: takes the call's parameters and returns the result object, or throws {@link BotApiError}. */
@FunctionalInterface
interface MethodHandler {
    Object handle(ApiRequest request);
}

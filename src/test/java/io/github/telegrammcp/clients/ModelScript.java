package io.github.telegrammcp.clients;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Decides the model's next turn for each main request of a conversation. A script may look at the request (for example
 * at the last tool result) and may block, as a model that is still thinking, until the test lets it go on.
 */
@FunctionalInterface
public interface ModelScript {

    /** The answer to a main request. */
    ModelTurn next(ModelRequest request) throws InterruptedException;

    /**
     * One step per tool call: step {@code i} answers when the model has made {@code i} calls so far (so a client's
     * retry or a second request in the same state gets the same step). After the last step the model says "Done.".
     */
    static ModelScript steps(ModelScript... steps) {
        List<ModelScript> list = List.of(steps);
        return request -> request.callsSoFar() < list.size() ? list.get(request.callsSoFar()).next(request)
                : ModelTurn.say("Done.");
    }

    /** Always calls this tool. */
    static ModelScript call(String tool, Map<String, Object> input) {
        ModelTurn turn = ModelTurn.callTool(tool, input);
        return request -> turn;
    }

    /** Always says this. */
    static ModelScript say(String text) {
        ModelTurn turn = ModelTurn.say(text);
        return request -> turn;
    }

    /** Waits (up to {@code limit}) for {@code gate} to open, then answers as {@code then}. */
    static ModelScript after(CountDownLatch gate, Duration limit, ModelScript then) {
        return request -> {
            if (!gate.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test did not open the gate within " + limit);
            }
            return then.next(request);
        };
    }
}

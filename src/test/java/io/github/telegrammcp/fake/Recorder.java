package io.github.telegrammcp.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Everything the bot did, for assertions; waiters are woken whenever something is recorded. */
final class Recorder {

    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<SentMessage> sent = new ArrayList<>();
    private final List<MessageEdit> edits = new ArrayList<>();
    private final List<AnsweredCallback> answers = new ArrayList<>();
    private final List<String> downloads = new ArrayList<>();

    synchronized void call(RecordedCall call) {
        calls.add(call);
        notifyAll();
    }

    synchronized void sent(SentMessage message) {
        sent.add(message);
        notifyAll();
    }

    synchronized void edit(MessageEdit edit) {
        edits.add(edit);
        notifyAll();
    }

    synchronized void answer(AnsweredCallback answer) {
        answers.add(answer);
        notifyAll();
    }

    synchronized void download(String filePath) {
        downloads.add(filePath);
        notifyAll();
    }

    synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    synchronized List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    synchronized List<MessageEdit> edits() {
        return List.copyOf(edits);
    }

    synchronized List<AnsweredCallback> answers() {
        return List.copyOf(answers);
    }

    synchronized List<String> downloads() {
        return List.copyOf(downloads);
    }

    synchronized void clear() {
        calls.clear();
        sent.clear();
        edits.clear();
        answers.clear();
        downloads.clear();
    }

    /** Waits until {@code list} (re-read under the lock each time) holds a match; AssertionError on timeout. */
    <T> T await(java.util.function.Supplier<List<T>> list, Predicate<? super T> match, Duration timeout,
            String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (T item : list.get()) {
                    if (match.test(item)) {
                        return item;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No matching " + what + " within " + timeout + "; recorded: " + list.get());
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for " + what, e);
                }
            }
        }
    }
}

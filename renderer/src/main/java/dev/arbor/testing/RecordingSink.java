package dev.arbor.testing;

import dev.arbor.RenderError;
import dev.arbor.RenderSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link RenderSink} that records every chunk, for tests. By default it accepts each write at
 * once; {@link #holding()} makes it hold every write until the test calls {@link #acceptNext()},
 * which is how a test plays a slow client (backpressure).
 *
 * <pre>{@code
 * RecordingSink sink = new RecordingSink();
 * renderer.stream(page, sink);
 * reviews.complete(List.of(review));            // the test decides when data resolves
 * StreamReplay replay = StreamReplay.of(sink);
 * }</pre>
 *
 * Thread-safe: the renderer may write from any thread while the test reads.
 */
public final class RecordingSink implements RenderSink {
    private final List<String> chunks = new ArrayList<>();
    private final ArrayDeque<CompletableFuture<Void>> held = new ArrayDeque<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final boolean hold;
    private RenderError failure;

    /** A sink that accepts every write at once. */
    public RecordingSink() {
        this(false);
    }

    private RecordingSink(boolean hold) {
        this.hold = hold;
    }

    /** @return a sink that holds each write until {@link #acceptNext()} */
    public static RecordingSink holding() {
        return new RecordingSink(true);
    }

    @Override
    public synchronized CompletionStage<Void> write(byte[] chunk) {
        if (ended.isDone()) {
            throw new IllegalStateException("write after end");
        }
        chunks.add(new String(chunk, StandardCharsets.UTF_8));
        if (!hold) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        held.add(accepted);
        return accepted;
    }

    /**
     * Accepts the oldest held write, letting the renderer write again.
     *
     * @return false when no write was held
     */
    public boolean acceptNext() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = held.poll();
        }
        if (next == null) {
            return false;
        }
        next.complete(null); // outside the lock: the renderer may write again right here
        return true;
    }

    /**
     * Fails the oldest held write, as a transport does when the client is gone.
     *
     * @param cause the transport's error
     * @return false when no write was held
     */
    public boolean failNext(Throwable cause) {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = held.poll();
        }
        if (next == null) {
            return false;
        }
        next.completeExceptionally(cause);
        return true;
    }

    @Override
    public void end() {
        ended.complete(null);
    }

    @Override
    public synchronized void fail(RenderError error) {
        failure = error;
        ended.completeExceptionally(error.cause());
    }

    /** @return the chunks so far, in order */
    public synchronized List<String> chunks() {
        return Collections.unmodifiableList(new ArrayList<>(chunks));
    }

    /** @return all chunks so far, concatenated */
    public synchronized String html() {
        return String.join("", chunks);
    }

    /** @return true once the renderer ended the stream */
    public boolean isEnded() {
        return ended.isDone() && !ended.isCompletedExceptionally();
    }

    /** @return the error the renderer failed with before the shell, or {@code null} */
    public synchronized Throwable failure() {
        return failure == null ? null : failure.cause();
    }

    /** @return the digest of the error the renderer failed with before the shell, or {@code null} */
    public synchronized String failureDigest() {
        return failure == null ? null : failure.digest();
    }

    /** @return completes when the stream ends; fails when the render failed before the shell */
    public CompletionStage<Void> whenEnded() {
        return ended;
    }
}

package dev.arbor.bench;

import dev.arbor.BufferPool;
import dev.arbor.RenderError;
import dev.arbor.RenderSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The benchmarks' socket: it sent everything at once, counts the bytes and keeps none. Like the
 * Vert.x host's sink it takes the renderer's buffer as it is, without a copy; made with a pool, it
 * also gives each chunk's array back to it, as the host does once a write completes.
 */
final class CountingSink implements RenderSink {
    private static final CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    private final BufferPool pool;
    long bytes;
    boolean ended;

    /** A sink that keeps every chunk's array (drops it, here): each render writes into a new one. */
    CountingSink() {
        this(null);
    }

    /** @param pool where chunks come from and go back to once counted, or {@code null} */
    CountingSink(BufferPool pool) {
        this.pool = pool;
    }

    @Override
    public BufferPool bufferPool() {
        return pool;
    }

    @Override
    public CompletionStage<Void> write(byte[] chunk) {
        return write(chunk, 0, chunk.length);
    }

    @Override
    public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        bytes += length;
        if (pool != null) {
            pool.release(utf8);
        }
        return ACCEPTED;
    }

    @Override
    public void end() {
        ended = true;
    }

    @Override
    public void fail(RenderError error) {
        throw new IllegalStateException(error.cause());
    }
}

package dev.arbor.bench;

import dev.arbor.RenderError;
import dev.arbor.RenderSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The benchmarks' socket: it sent everything at once, counts the bytes and keeps none. Like the
 * Vert.x host's sink it takes the renderer's buffer as it is, without a copy.
 */
final class CountingSink implements RenderSink {
    private static final CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    long bytes;
    boolean ended;

    @Override
    public CompletionStage<Void> write(byte[] chunk) {
        bytes += chunk.length;
        return ACCEPTED;
    }

    @Override
    public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        bytes += length;
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

package dev.arbor.vertx;

import dev.arbor.RenderError;
import dev.arbor.RenderSink;
import io.netty.buffer.Unpooled;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adapts the renderer's sink to a Vert.x response: one HTTP chunk per renderer write, and the next
 * write accepted only when the response's write queue has room (backpressure).
 *
 * <p>What a slow reader pins here: the output queued in Netty for its connection, which is never
 * more than the channel's high-water mark (64 KB by default, {@code WriteBufferWaterMark}) plus
 * the one chunk written when it was crossed; each chunk is held once, wrapped and not copied
 * (compressed, when compression is on). Everything later waits in the renderer, which writes its
 * next chunk only when this sink accepts one. A client that stops reading altogether is closed
 * by the server's idle timeout ({@link ArborServer}).
 */
final class ResponseSink implements RenderSink {
    /** The request the response belongs to. */
    interface Exchange {
        /** @return true once the client went away */
        boolean isGone();

        /** Sets the status and headers of a streamed response, before its first byte. */
        void streamHeaders();

        /** The stream was ended. */
        void streamEnded();

        /** The render failed before anything was written; the renderer reported it under its digest. */
        void renderFailed(RenderError error);

        /** @return true for a HEAD request: the status and headers, and no body */
        boolean headersOnly();
    }

    private static final CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    private final Exchange exchange;
    private final HttpServerResponse response;

    ResponseSink(Exchange exchange, HttpServerResponse response) {
        this.exchange = exchange;
        this.response = response;
    }

    @Override
    public CompletionStage<Void> write(byte[] chunk) {
        if (exchange.isGone()) {
            return CompletableFuture.failedFuture(new CancellationException("The client went away"));
        }
        if (!response.headWritten()) {
            exchange.streamHeaders();
        }
        if (exchange.headersOnly()) {
            // HEAD: the shell decided the status; the rest is not needed, so the render stops here.
            end();
            return CompletableFuture.failedFuture(new CancellationException("A HEAD request has no body"));
        }
        // Vert.x flushes each write outside its read loop, and Netty's compressor then emits a
        // sync-flushed block: every chunk reaches the client as soon as it is written.
        // The chunk is wrapped, not copied (the sink owns it): the bytes queued in Netty are the
        // only copy of this output the host holds.
        response.write(BufferInternal.buffer(Unpooled.wrappedBuffer(chunk)));
        if (!response.writeQueueFull()) {
            return ACCEPTED;
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        response.drainHandler(v -> accepted.complete(null));
        return accepted;
    }

    @Override
    public void end() {
        exchange.streamEnded();
        if (exchange.isGone() || response.ended()) {
            return;
        }
        if (!response.headWritten()) {
            exchange.streamHeaders();
        }
        response.end();
    }

    @Override
    public void fail(RenderError error) {
        exchange.renderFailed(error);
    }
}

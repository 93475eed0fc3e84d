package dev.arbor.vertx;

import dev.arbor.RenderError;
import dev.arbor.RenderSink;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adapts the renderer's sink to a Vert.x response: one HTTP chunk per renderer write, and the next
 * write accepted only when the response's write queue has room (backpressure).
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
        response.write(Buffer.buffer(chunk));
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

package dev.arbor.vertx;

import dev.arbor.RenderError;
import dev.arbor.RenderSink;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adapts the renderer's sink to a page's response (a Vert.x response, through its {@link Transport}), in one of two framings with one shape:
 * {@link #streaming} (one HTTP chunk per renderer write, the next write accepted only when the
 * response's write queue has room: backpressure) and {@link #complete} (the document collected and
 * sent in one piece, with a {@code Content-Length}). The exchange decides the status and the page's
 * headers and hears how the render ended; the sink decides the framing.
 *
 * <p>What a slow reader pins in a streamed response: the output queued in Netty for its connection,
 * which is never more than the channel's high-water mark (64 KB by default,
 * {@code WriteBufferWaterMark}) plus the one chunk written when it was crossed; each chunk is held
 * once, wrapped and not copied (compressed, when compression is on). Everything later waits in the
 * renderer, which writes its next chunk only when this sink accepts one. A client that stops
 * reading altogether is closed by the server's idle timeout ({@link ArborServer}).
 */
abstract class ResponseSink implements RenderSink {
    /** The request the response belongs to. */
    interface Exchange {
        /** @return true once the client went away */
        boolean isGone();

        /** Sets the status and the page's headers, before the response's first byte. */
        void writeHead();

        /**
         * The render ended; the response is to be ended next.
         *
         * @return whether the response is still this render's to end (not after the client went
         *     away or the exchange answered otherwise)
         */
        boolean renderEnded();

        /** The render failed before anything was written; the renderer reported it under its digest. */
        void renderFailed(RenderError error);

        /** @return true for a HEAD request: the status and headers, and no body */
        boolean headersOnly();
    }

    private static final CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    final Exchange exchange;
    final Transport response;

    private ResponseSink(Exchange exchange, Transport response) {
        this.exchange = exchange;
        this.response = response;
    }

    /** @return a sink that streams each write as an HTTP chunk */
    static ResponseSink streaming(Exchange exchange, Transport response) {
        return new Streaming(exchange, response);
    }

    /** @return a sink that answers with the whole document once the render ends */
    static ResponseSink complete(Exchange exchange, Transport response) {
        return new Complete(exchange, response);
    }

    @Override
    public final CompletionStage<Void> write(byte[] chunk) {
        return write(chunk, 0, chunk.length);
    }

    /** What the renderer calls: its output buffer, handed on without a copy. */
    @Override
    public final CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        if (exchange.isGone()) {
            return CompletableFuture.failedFuture(new CancellationException("The client went away"));
        }
        return accept(utf8, offset, length);
    }

    @Override
    public final void end() {
        if (!exchange.renderEnded() || response.ended()) {
            return;
        }
        finish();
    }

    @Override
    public final void fail(RenderError error) {
        exchange.renderFailed(error);
    }

    /** Takes a chunk from a client still there; @return a stage completed when it takes more */
    abstract CompletionStage<Void> accept(byte[] chunk, int offset, int length);

    /** Ends a response not yet ended, of a client still there. */
    abstract void finish();

    private static final class Streaming extends ResponseSink {
        Streaming(Exchange exchange, Transport response) {
            super(exchange, response);
        }

        @Override
        CompletionStage<Void> accept(byte[] chunk, int offset, int length) {
            if (!response.headWritten()) {
                head();
            }
            if (exchange.headersOnly()) {
                // HEAD: the shell decided the status; the rest is not needed, so the render stops here.
                end();
                return CompletableFuture.failedFuture(new CancellationException("A HEAD request has no body"));
            }
            // Vert.x flushes each write outside its read loop, and Netty's compressor then emits a
            // sync-flushed block: every chunk reaches the client as soon as it is written.
            response.write(chunk, offset, length);
            if (!response.writeQueueFull()) {
                return ACCEPTED;
            }
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            response.onDrain(() -> accepted.complete(null));
            return accepted;
        }

        @Override
        void finish() {
            if (!response.headWritten()) {
                head();
            }
            response.end();
        }

        private void head() {
            exchange.writeHead();
            // Proxies such as nginx buffer responses unless told not to; each chunk must pass at once.
            response.headers().set("X-Accel-Buffering", "no");
            response.chunked();
        }
    }

    private static final class Complete extends ResponseSink {
        private final Buffer document = Buffer.buffer();

        Complete(Exchange exchange, Transport response) {
            super(exchange, response);
        }

        @Override
        CompletionStage<Void> accept(byte[] chunk, int offset, int length) {
            document.appendBytes(chunk, offset, length);
            return ACCEPTED;
        }

        @Override
        void finish() {
            if (response.headWritten()) {
                return;
            }
            exchange.writeHead();
            response.end(document);
        }
    }
}

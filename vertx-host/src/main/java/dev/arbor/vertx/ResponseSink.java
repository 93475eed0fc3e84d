package dev.arbor.vertx;

import dev.arbor.BufferPool;
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
    /** The renderer's pool: each chunk's array goes back to it once the response no longer reads it. */
    final BufferPool buffers;

    private ResponseSink(Exchange exchange, Transport response, BufferPool buffers) {
        this.exchange = exchange;
        this.response = response;
        this.buffers = buffers;
    }

    /** @return a sink that streams each write as an HTTP chunk */
    static ResponseSink streaming(Exchange exchange, Transport response, BufferPool buffers) {
        return new Streaming(exchange, response, buffers);
    }

    /** @return a sink that answers with the whole document once the render ends */
    static ResponseSink complete(Exchange exchange, Transport response, BufferPool buffers) {
        return new Complete(exchange, response, buffers);
    }

    @Override
    public final CompletionStage<Void> write(byte[] chunk) {
        return write(chunk, 0, chunk.length);
    }

    /**
     * What the renderer calls: its output buffer, handed on without a copy, and given back to the
     * renderer's pool when the response is done with it.
     */
    @Override
    public final CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        if (exchange.isGone()) {
            buffers.release(utf8);
            return CompletableFuture.failedFuture(new CancellationException("The client went away"));
        }
        return accept(utf8, offset, length);
    }

    /** The renderer writes each chunk into an array of this pool, which the response gives back once sent. */
    @Override
    public final BufferPool bufferPool() {
        return buffers;
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
        Streaming(Exchange exchange, Transport response, BufferPool buffers) {
            super(exchange, response, buffers);
        }

        @Override
        CompletionStage<Void> accept(byte[] chunk, int offset, int length) {
            if (!response.headWritten()) {
                head();
            }
            if (exchange.headersOnly()) {
                // HEAD: the shell decided the status; the rest is not needed, so the render stops here.
                buffers.release(chunk);
                end();
                return CompletableFuture.failedFuture(new CancellationException("A HEAD request has no body"));
            }
            // Vert.x flushes each write outside its read loop, and Netty's compressor then emits a
            // sync-flushed block: every chunk reaches the client as soon as it is written.
            response.write(chunk, offset, length, () -> buffers.release(chunk));
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

        Complete(Exchange exchange, Transport response, BufferPool buffers) {
            super(exchange, response, buffers);
        }

        @Override
        CompletionStage<Void> accept(byte[] chunk, int offset, int length) {
            document.appendBytes(chunk, offset, length);
            buffers.release(chunk); // copied
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

package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.BufferPool;
import dev.arbor.Mode;
import dev.arbor.RenderError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The sink accepts the next chunk only when the response's write queue has room. */
class ResponseSinkTest {

    /** A response that records writes and whose write queue the test fills and drains. */
    private static final class FakeResponse {
        final List<String> written = new ArrayList<>();
        final List<Buffer> buffers = new ArrayList<>();
        /** One per write: the test says when Netty is done with it. */
        final List<Promise<Void>> writes = new ArrayList<>();
        boolean queueFull;
        boolean headWritten;
        boolean ended;
        String endedWith;
        final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Handler<Void> drainHandler;

        Transport transport() {
            return new VertxTransport(null, proxy(), Runnable::run);
        }

        @SuppressWarnings("unchecked")
        HttpServerResponse proxy() {
            return (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServerResponse.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "write":
                                written.add(((Buffer) args[0]).toString());
                                buffers.add((Buffer) args[0]);
                                headWritten = true;
                                Promise<Void> write = Promise.promise();
                                writes.add(write);
                                return write.future();
                            case "writeQueueFull":
                                return queueFull;
                            case "headWritten":
                                return headWritten;
                            case "ended":
                                return ended;
                            case "headers":
                                return headers;
                            case "setChunked":
                                return self;
                            case "drainHandler":
                                drainHandler = (Handler<Void>) args[0];
                                return self;
                            case "end":
                                ended = true;
                                headWritten = true;
                                endedWith = args == null ? null : ((Buffer) args[0]).toString();
                                return Future.succeededFuture();
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }

    private static final class FakeExchange implements ResponseSink.Exchange {
        boolean gone;
        int headers;
        RenderError failure;

        @Override
        public boolean isGone() {
            return gone;
        }

        @Override
        public void writeHead() {
            headers++;
        }

        @Override
        public boolean renderEnded() {
            return !gone;
        }

        @Override
        public void renderFailed(RenderError error) {
            failure = error;
        }

        @Override
        public boolean headersOnly() {
            return false;
        }
    }

    private final FakeResponse response = new FakeResponse();
    private final FakeExchange exchange = new FakeExchange();
    private final BufferPool pool = BufferPool.create();
    private final ResponseSink sink = ResponseSink.streaming(exchange, response.transport(), pool);

    @Test
    void acceptsAtOnceWhileTheQueueHasRoom() {
        assertTrue(sink.write("shell".getBytes()).toCompletableFuture().isDone());
        assertEquals(List.of("shell"), response.written);
        assertEquals(1, exchange.headers, "headers are set once, before the first byte");
        sink.write("more".getBytes());
        assertEquals(1, exchange.headers);
    }

    @Test
    void holdsTheNextWriteUntilTheQueueDrains() {
        response.queueFull = true;
        CompletableFuture<Void> accepted = sink.write("shell".getBytes()).toCompletableFuture();
        assertEquals(List.of("shell"), response.written, "the chunk itself is written");
        assertFalse(accepted.isDone(), "the renderer must wait before its next chunk");

        response.queueFull = false;
        response.drainHandler.handle(null);
        assertTrue(accepted.isDone());
        assertFalse(accepted.isCompletedExceptionally());
    }

    @Test
    void theChunkIsQueuedAsItIsNotCopied() {
        byte[] chunk = "shell".getBytes();
        sink.write(chunk);
        io.netty.buffer.ByteBuf queued = ((io.vertx.core.internal.buffer.BufferInternal) response.buffers.get(0)).getByteBuf();
        assertSame(chunk, queued.array(), "one copy of unsent output: the renderer's own bytes");
        assertEquals(chunk.length, queued.readableBytes());
    }

    @Test
    void refusesWritesOnceTheClientIsGone() {
        exchange.gone = true;
        assertTrue(sink.write("late".getBytes()).toCompletableFuture().isCompletedExceptionally());
        assertTrue(response.written.isEmpty());
        sink.end();
        assertFalse(response.ended, "nothing more is written");
    }

    @Test
    void endEndsTheResponseAndFailHandsBackToTheExchange() {
        sink.write("shell".getBytes());
        sink.end();
        assertTrue(response.ended);

        RenderError error = new RenderError("d1g3st", new IllegalStateException("x"), Mode.PRODUCTION);
        ResponseSink.streaming(exchange, new FakeResponse().transport(), pool).fail(error);
        assertSame(error, exchange.failure, "the renderer's digest reaches the error page");
    }

    @Test
    void streamingTellsProxiesNotToBufferAndSendsChunks() {
        sink.write("shell".getBytes());
        assertEquals("no", response.headers.get("X-Accel-Buffering"));
        sink.end();
        assertNull(response.endedWith, "the stream ends without a last body of its own");
    }

    @Test
    void theCompleteSinkAnswersWithTheWholeDocumentInOnePiece() {
        ResponseSink complete = ResponseSink.complete(exchange, response.transport(), pool);
        assertTrue(complete.write("<html>".getBytes()).toCompletableFuture().isDone());
        complete.write("</html>".getBytes());
        assertTrue(response.written.isEmpty(), "nothing is sent before the document is complete");
        assertEquals(0, exchange.headers);

        complete.end();
        assertEquals(1, exchange.headers);
        assertEquals("<html></html>", response.endedWith);
        assertNull(response.headers.get("X-Accel-Buffering"), "one piece needs no unbuffered proxy");
    }

    @Test
    void theCompleteSinkSendsNothingOnceTheClientIsGone() {
        ResponseSink complete = ResponseSink.complete(exchange, response.transport(), pool);
        complete.write("<html>".getBytes());
        exchange.gone = true;
        assertTrue(complete.write("</html>".getBytes()).toCompletableFuture().isCompletedExceptionally());
        complete.end();
        assertFalse(response.ended);
        assertEquals(0, exchange.headers);
    }

    // ---- the renderer's arrays go back to its pool, and only once nothing reads them ----

    @Test
    void aChunksArrayGoesBackToThePoolOnlyWhenItsWriteCompletes() {
        byte[] chunk = new byte[1024]; // a size the pool keeps
        sink.write(chunk, 0, 10);
        assertEquals(0, pool.retainedBytes(), "Netty still reads the array: it must not be reused");

        response.writes.get(0).complete();
        assertEquals(1024, pool.retainedBytes(), "written: the next render may write into it");
    }

    @Test
    void aFailedWriteGivesItsArrayBackToo() {
        sink.write(new byte[1024], 0, 10);
        response.writes.get(0).fail(new IllegalStateException("connection reset"));
        assertEquals(1024, pool.retainedBytes());
    }

    @Test
    void aChunkRefusedBecauseTheClientIsGoneGoesBackAtOnce() {
        exchange.gone = true;
        sink.write(new byte[1024], 0, 10);
        assertEquals(1024, pool.retainedBytes());
    }

    @Test
    void theCompleteSinkGivesEachArrayBackOnceCopied() {
        ResponseSink complete = ResponseSink.complete(exchange, response.transport(), pool);
        byte[] chunk = new byte[1024];
        chunk[0] = 'x';
        complete.write(chunk, 0, 1);
        assertEquals(1024, pool.retainedBytes());
        complete.end();
        assertEquals("x", response.endedWith, "the document was copied before the array went back");
    }
}

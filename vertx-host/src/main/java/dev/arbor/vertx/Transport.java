package dev.arbor.vertx;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a page's exchange needs of HTTP, and nothing more: the request's parts, and a response to
 * write. A server's is Vert.x Web's ({@link VertxTransport}); {@link PageTester}'s records the
 * response in memory, so that a page runs exactly as served, without a socket.
 */
interface Transport {
    /** @return a path parameter's decoded value, or {@code null} */
    String pathParam(String name);

    /** @return every value of a query parameter, decoded; empty when absent */
    List<String> queryParams(String name);

    /** @return the query as sent, without {@code ?}, or {@code null} */
    String query();

    /**
     * @return the normalized path, as Vert.x Web's {@code normalizedPath()}: dot segments removed,
     *     percent-encoded unreserved characters decoded, others ({@code %20}, {@code %2F}) kept
     */
    String path();

    /** @return a header's value, or {@code null} */
    String header(String name);

    HttpMethod method();

    /** @return the Vert.x instance; a test without one throws {@link IllegalStateException} */
    Vertx vertx();

    /** @return Vert.x Web's context; a test throws {@link IllegalStateException} */
    RoutingContext routingContext();

    /** @return where the exchange's state changes run, one at a time */
    Executor executor();

    // ---- the response ----

    /** @param gone runs once when the client goes away before the response ended */
    void onGone(Runnable gone);

    boolean headWritten();

    boolean ended();

    /** Ends a response whose head was sent by resetting the stream (the client sees it broken). */
    void reset();

    void status(int status);

    MultiMap headers();

    /** Sends the response chunked. */
    void chunked();

    /** Writes a chunk, owned by the transport from now on. */
    void write(byte[] chunk);

    /**
     * Writes a slice of an array that is lent, not given: a transport that can send it as it is
     * saves a copy, and runs {@code sent} once nothing reads the array any more (the write
     * completed or failed). By default the slice is copied for {@link #write(byte[])}, and
     * {@code sent} runs at once.
     *
     * @param sent runs once, on any thread, when the array may be used again; never, if the
     *     transport cannot tell (the array is then left to the garbage collector)
     */
    default void write(byte[] chunk, int offset, int length, Runnable sent) {
        write(java.util.Arrays.copyOfRange(chunk, offset, offset + length));
        sent.run();
    }

    boolean writeQueueFull();

    /** @param drained runs once when the write queue has room again */
    void onDrain(Runnable drained);

    void end();

    void end(Buffer body);
}

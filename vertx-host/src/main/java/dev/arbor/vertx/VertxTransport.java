package dev.arbor.vertx;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/** A page's exchange over Vert.x Web: the routing context's request and response. */
final class VertxTransport implements Transport {
    private final RoutingContext context;
    private final HttpServerResponse response;
    private final Executor executor;

    /** The exchange's state changes run on the request's context. */
    VertxTransport(RoutingContext context) {
        this(context, context.response(), onContext(context));
    }

    /** For tests of the response's side alone. */
    VertxTransport(RoutingContext context, HttpServerResponse response, Executor executor) {
        this.context = context;
        this.response = response;
        this.executor = executor;
    }

    private static Executor onContext(RoutingContext context) {
        Context current = Vertx.currentContext();
        Context ctx = current != null ? current : context.vertx().getOrCreateContext();
        return task -> ctx.runOnContext(v -> task.run());
    }

    @Override
    public String pathParam(String name) {
        return context.pathParam(name);
    }

    @Override
    public List<String> queryParams(String name) {
        return context.queryParam(name);
    }

    @Override
    public String query() {
        return context.request().query();
    }

    @Override
    public String path() {
        return context.normalizedPath();
    }

    @Override
    public String header(String name) {
        return context.request().getHeader(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public HttpMethod method() {
        return context.request().method();
    }

    @Override
    public Vertx vertx() {
        return context.vertx();
    }

    @Override
    public RoutingContext routingContext() {
        return context;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void onGone(Runnable gone) {
        response.closeHandler(v -> gone.run());
        response.exceptionHandler(t -> gone.run());
    }

    @Override
    public boolean headWritten() {
        return response.headWritten();
    }

    @Override
    public boolean ended() {
        return response.ended();
    }

    @Override
    public void reset() {
        response.reset();
    }

    @Override
    public void status(int status) {
        response.setStatusCode(status);
    }

    @Override
    public MultiMap headers() {
        return response.headers();
    }

    @Override
    public void chunked() {
        response.setChunked(true);
    }

    @Override
    public void write(byte[] chunk) {
        // Wrapped, not copied (the sink owns the chunk): the bytes queued in Netty are the only copy
        // of this output the host holds.
        response.write(BufferInternal.buffer(Unpooled.wrappedBuffer(chunk)));
    }

    @Override
    public void write(byte[] chunk, int offset, int length, Runnable sent) {
        // The renderer's own output buffer, wrapped as it is: no copy between render and socket.
        // Vert.x wraps a foreign buffer as unreleasable, so Netty never frees or reuses it; the
        // write's future completes once Netty has written the bytes (or failed), and only then
        // may the array go back to the renderer's pool.
        response.write(BufferInternal.buffer(Unpooled.wrappedBuffer(chunk, offset, length)))
                .onComplete(written -> sent.run());
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable drained) {
        response.drainHandler(v -> drained.run());
    }

    @Override
    public void end() {
        response.end();
    }

    @Override
    public void end(Buffer body) {
        response.end(body);
    }
}

package dev.arbor.vertx;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A response read as it streams, with Vert.x's HTTP client: a test waits until some text has
 * arrived, then releases more data. Waits time out after 10 s, which only a failing test meets.
 */
final class StreamingResponse {
    static final long TIMEOUT_SECONDS = 10;

    private final HttpClientResponse response;
    private final Function<Buffer, String> decoder;
    private final StringBuilder received = new StringBuilder();
    private final List<Map.Entry<String, CompletableFuture<String>>> waiters = new ArrayList<>();
    private final CompletableFuture<String> body = new CompletableFuture<>();

    private StreamingResponse(HttpClientResponse response, Function<Buffer, String> decoder) {
        this.response = response;
        this.decoder = decoder;
        response.handler(this::onData);
        response.endHandler(v -> {
            synchronized (this) {
                body.complete(received.toString());
            }
        });
        response.exceptionHandler(body::completeExceptionally);
    }

    static StreamingResponse get(Vertx vertx, HttpClient client, int port, String uri, String... headers) {
        return get(vertx, client, port, uri, b -> b.toString(), headers);
    }

    /** Sends a GET and returns once the status and headers arrived. */
    static StreamingResponse get(Vertx vertx, HttpClient client, int port, String uri,
            Function<Buffer, String> decoder, String... headers) {
        return join(send(vertx, client, port, uri, decoder, headers));
    }

    /** Sends a GET; the stage completes when the status and headers arrive. */
    static CompletableFuture<StreamingResponse> send(Vertx vertx, HttpClient client, int port, String uri,
            Function<Buffer, String> decoder, String... headers) {
        CompletableFuture<StreamingResponse> result = new CompletableFuture<>();
        // On a Vert.x context, so that the handlers are set in the same event-loop task that
        // delivers the response: from the test's thread they could miss its first chunks.
        vertx.getOrCreateContext().runOnContext(v -> client.request(HttpMethod.GET, port, "localhost", uri)
                .compose(request -> {
                    for (int i = 0; i < headers.length; i += 2) {
                        request.putHeader(headers[i], headers[i + 1]);
                    }
                    return request.send();
                })
                .onSuccess(response -> result.complete(new StreamingResponse(response, decoder)))
                .onFailure(result::completeExceptionally));
        return result;
    }

    private synchronized void onData(Buffer buffer) {
        received.append(decoder.apply(buffer));
        String text = received.toString();
        waiters.removeIf(w -> {
            if (text.contains(w.getKey())) {
                w.getValue().complete(text);
                return true;
            }
            return false;
        });
    }

    int status() {
        return response.statusCode();
    }

    MultiMap headers() {
        return response.headers();
    }

    /** Waits until {@code text} has arrived; returns everything received so far. */
    String awaitText(String text) {
        CompletableFuture<String> waiter;
        synchronized (this) {
            if (received.indexOf(text) >= 0) {
                return received.toString();
            }
            waiter = new CompletableFuture<>();
            waiters.add(Map.entry(text, waiter));
        }
        try {
            return join(waiter);
        } catch (AssertionError e) {
            throw new AssertionError("Waited for \"" + text + "\"; received so far:\n" + received(), e);
        }
    }

    synchronized String received() {
        return received.toString();
    }

    /** Waits for the end of the response; returns the whole body. */
    String body() {
        return join(body);
    }

    CompletableFuture<String> bodyStage() {
        return body;
    }

    /** Closes the connection under the response: the client goes away. */
    void disconnect() {
        join(response.request().connection().close().toCompletionStage().toCompletableFuture());
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Did not complete in " + TIMEOUT_SECONDS + " s", e);
        }
    }
}

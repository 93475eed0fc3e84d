package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.RenderTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Client disconnects and deadlines stop the work and end cleanly. */
@ExtendWith(VertxExtension.class)
class AbortTest {
    private HostFixture app;
    private LogCapture logs;

    @BeforeEach
    void start(Vertx vertx) {
        app = HostFixture.start(vertx);
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        app.close();
    }

    /** Completes with the error a stage was completed with, once it is. */
    private static CompletableFuture<Throwable> outcome(CompletableFuture<?> stage) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        stage.whenComplete((v, e) -> outcome.complete(e));
        return outcome;
    }

    @Test
    void disconnectMidStreamCancelsThePendingStagesAndLogsNothing() {
        StreamingResponse response = app.get("/stream");
        response.awaitText("Loading B");
        CompletableFuture<Throwable> a = outcome(app.gates.latest("a"));
        CompletableFuture<Throwable> b = outcome(app.gates.latest("b"));

        response.disconnect();

        assertInstanceOf(CancellationException.class, StreamingResponse.join(a));
        assertInstanceOf(CancellationException.class, StreamingResponse.join(b));
        assertTrue(app.reports.isEmpty(), "a disconnect is no render error: " + app.reports);
        assertTrue(logs.records.isEmpty(), "nothing logged: " + logs.records);
    }

    @Test
    void anAbandonedPreloadCancelsItsPendingStagesOverARealConnection() {
        StreamingResponse response = app.get("/site/stream", "Arbor-Navigate", "site", "Arbor-Preload", "1");
        assertEquals("site", response.headers().get("Arbor-Outlet"));
        response.awaitText("Loading B");
        CompletableFuture<Throwable> a = outcome(app.gates.latest("na"));
        CompletableFuture<Throwable> b = outcome(app.gates.latest("nb"));

        response.disconnect(); // the runtime aborts a stale preload's fetch

        assertInstanceOf(CancellationException.class, StreamingResponse.join(a));
        assertInstanceOf(CancellationException.class, StreamingResponse.join(b));
        assertTrue(app.reports.isEmpty(), "a disconnect is no render error: " + app.reports);
        assertTrue(logs.records.isEmpty(), "nothing logged: " + logs.records);
    }

    @Test
    void disconnectCancelsTheQueriesThePagePrefetched() {
        StreamingResponse response = app.get("/prefetch");
        response.awaitText("Prefetched");
        CompletableFuture<Throwable> query = outcome(app.gates.latest("query"));
        assertFalse(query.isDone(), "the pending query holds the stream open");

        response.disconnect();

        assertInstanceOf(CancellationException.class, StreamingResponse.join(query));
        afterTheServersCurrentTask();
        assertTrue(app.reports.isEmpty(), "a disconnect is no error: " + app.reports);
        assertTrue(logs.records.isEmpty(), "nothing logged: " + logs.records);
    }

    /**
     * Returns once whatever the server's event loop is doing now is done: a request's answer
     * comes after it. (The fixture's server has one event loop.)
     */
    private void afterTheServersCurrentTask() {
        app.get("/no-such-page").body();
    }

    @Test
    void disconnectWhileLoadingCancelsTheLoaders() {
        CompletableFuture<HttpClientRequest> sent = new CompletableFuture<>();
        app.vertx.getOrCreateContext().runOnContext(v -> app.client.request(HttpMethod.GET, app.port(), "localhost", "/hang")
                .onSuccess(request -> {
                    request.send();
                    sent.complete(request);
                }));
        HttpClientRequest request = StreamingResponse.join(sent);
        StreamingResponse.join(app.gates.requested("hang"));
        CompletableFuture<Throwable> hang = outcome(app.gates.latest("hang"));

        request.connection().close();

        assertInstanceOf(CancellationException.class, StreamingResponse.join(hang));
        assertTrue(app.reports.isEmpty());
        assertTrue(logs.records.isEmpty(), "nothing logged: " + logs.records);
    }

    @Test
    void streamEndsCleanlyWhenTheDeadlinePasses() {
        StreamingResponse response = app.get("/stream");
        response.awaitText("Loading B");
        CompletableFuture<Throwable> a = outcome(app.gates.latest("a"));

        app.scheduler.fireAll();

        String body = response.body();
        assertEquals(200, response.status());
        assertTrue(body.endsWith("</html>"), "the document is closed: " + body);
        assertInstanceOf(CancellationException.class, StreamingResponse.join(a), "pending stages are cancelled");
    }

    @Test
    void deadlinePassingWhileLoadingAnswers500() {
        var pending = app.request("/hang");
        StreamingResponse.join(app.gates.requested("hang"));

        app.scheduler.fireAll();

        StreamingResponse response = StreamingResponse.join(pending);
        response.body();
        assertEquals(500, response.status());
        assertTrue(app.gates.latest("hang").isCancelled());
        assertEquals(1, app.reports.size());
        assertInstanceOf(RenderTimeoutException.class, app.reports.get(0).error);
    }

    @Test
    void pageDeadlineOverridesTheDefault() {
        StreamingResponse response = app.get("/short");
        response.awaitText("Loading D");

        assertTrue(app.scheduler.delays().contains(Duration.ofSeconds(3)), "the loaders' deadline: " + app.scheduler.delays());
        assertTrue(app.scheduler.delays().stream().allMatch(d -> d.compareTo(Duration.ofSeconds(3)) <= 0),
                "the render gets what is left of the page's 3 s, never the default 10 s: " + app.scheduler.delays());

        app.scheduler.fireAll();
        assertTrue(response.body().endsWith("</html>"));
    }
}

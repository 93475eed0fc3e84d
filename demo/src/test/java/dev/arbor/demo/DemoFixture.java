package dev.arbor.demo;

import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.Scheduler;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.ArborServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The demo on a free port, its data behind {@link GatedSources}; deadlines never pass. */
final class DemoFixture implements AutoCloseable {
    /** Deadlines are tested in the host; here they must never end a stream early. */
    private static final Scheduler NEVER = (delay, task) -> () -> { };

    final Vertx vertx = Vertx.vertx();
    final GatedSources sources = new GatedSources();
    private final HttpServer server;

    DemoFixture() throws Exception {
        Renderer renderer = Renderer.builder().mode(Mode.PRODUCTION).scheduler(NEVER)
                .errorReporter((digest, error) -> { }).build();
        ArborHost host = DemoApp.host(renderer);
        server = vertx.createHttpServer(ArborServer.options(0))
                .requestHandler(DemoApp.router(vertx, host, sources, DemoApp.queries(sources)))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    int port() {
        return server.actualPort();
    }

    // Not "throws Exception": AutoCloseable.close must not throw InterruptedException (javac's lint).
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag for the test runner; stop waiting
        }
    }
}

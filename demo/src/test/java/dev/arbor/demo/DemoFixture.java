package dev.arbor.demo;

import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.testing.Gates;
import dev.arbor.testing.ManualScheduler;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.ArborMetrics;
import dev.arbor.vertx.ArborServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The demo on a free port, its data behind {@link Gates} the tests release; deadlines never pass. */
final class DemoFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    /** Every source of the demo, by name: a test releases each when it chooses. */
    final Gates sources = new Gates();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;

    DemoFixture() throws Exception {
        // Deadlines are tested in the host; here they must never end a stream early: never fired.
        Renderer renderer = Renderer.builder().mode(Mode.PRODUCTION).scheduler(new ManualScheduler())
                .listener(ArborMetrics.bindTo(metrics))
                .errorReporter((digest, error) -> { }).build();
        Sources data = gated(sources);
        ForumQueries forum = ForumQueries.of(data);
        Store.ReviewBook reviews = new Store.ReviewBook();
        ArborHost host = DemoApp.host(renderer, DemoApp.queries(forum, reviews));
        server = vertx.createHttpServer(ArborServer.options(0))
                .requestHandler(DemoApp.router(vertx, host, data, forum, reviews, metrics))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The demo's sources behind gates: each load waits for its name's release, whatever its latency. */
    static Sources gated(Gates gates) {
        return new Sources() {
            @Override
            public <T> CompletableFuture<T> load(String name, Duration latency, Supplier<T> value) {
                return gates.load(name, value);
            }
        };
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

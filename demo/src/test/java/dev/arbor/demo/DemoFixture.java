package dev.arbor.demo;

import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.Scheduler;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.ArborMetrics;
import dev.arbor.vertx.ArborServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/** The demo on a free port, its data behind {@link GatedSources}; deadlines never pass. */
final class DemoFixture implements AutoCloseable {
    /** Deadlines are tested in the host; here they must never end a stream early. */
    private static final Scheduler NEVER = (delay, task) -> () -> { };

    final Vertx vertx = Vertx.vertx();
    final GatedSources sources = new GatedSources();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpServer server;

    DemoFixture() throws Exception {
        Renderer renderer = Renderer.builder().mode(Mode.PRODUCTION).scheduler(NEVER)
                .listener(ArborMetrics.bindTo(metrics))
                .errorReporter((digest, error) -> { }).build();
        ArborHost host = DemoApp.host(renderer);
        server = vertx.createHttpServer(ArborServer.options(0))
                .requestHandler(DemoApp.router(vertx, host, sources, ForumQueries.of(sources), metrics))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

package dev.arbor.demo;

import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.ArborMetrics;
import dev.arbor.vertx.ArborServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

/**
 * Runs the demo: {@code mvn -q -pl demo -am -DskipTests compile exec:java}. The port comes from
 * {@code PORT} (8080 by default); {@code ARBOR_MODE=development} shows error messages instead of
 * digests. One server instance per core, all sharing one immutable host; {@code /metrics} serves the
 * renders' meters to Prometheus.
 */
public final class DemoMain {
    private DemoMain() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Mode mode = "development".equalsIgnoreCase(System.getenv("ARBOR_MODE")) ? Mode.DEVELOPMENT : Mode.PRODUCTION;
        int instances = Runtime.getRuntime().availableProcessors();

        Vertx vertx = Vertx.vertx();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Renderer renderer = Renderer.builder().mode(mode).scheduler(ArborHost.scheduler(vertx))
                .listener(ArborMetrics.bindTo(metrics)).build();
        ArborMetrics.bindBuffers(metrics, renderer.bufferPool());
        Sources sources = new TimerSources(vertx);
        ForumQueries queries = ForumQueries.of(sources);
        Store.ReviewBook reviews = new Store.ReviewBook(); // one for every instance: thread-safe
        ArborHost host = DemoApp.host(renderer, DemoApp.queries(queries, reviews));

        ArborServer.deploy(vertx, ArborServer.options(port), v -> DemoApp.router(v, host, sources, queries, reviews, metrics), instances)
                .onSuccess(id -> System.out.println("Arbor demo: http://localhost:" + port + "/  ("
                        + instances + " instances, " + mode.name().toLowerCase() + " mode)"))
                .onFailure(error -> {
                    System.err.println("Could not start the demo on port " + port + ": " + error.getMessage());
                    vertx.close();
                    System.exit(1);
                });
    }
}

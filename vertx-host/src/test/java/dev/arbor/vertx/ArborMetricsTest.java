package dev.arbor.vertx;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.errorBoundary;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.div;
import static j2html.TagCreator.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.testing.ManualScheduler;
import dev.arbor.Renderer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Arbor's meters, read back from a Micrometer registry after pages served by hand. */
class ArborMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Renderer renderer = Renderer.builder().listener(ArborMetrics.bindTo(registry)).scheduler(scheduler)
            .digest(error -> "stock-" + error.getMessage().length()).errorReporter((digest, error) -> { }).build();
    private final PageTester tester = PageTester.of(ArborHost.builder(renderer).build());

    private final CompletableFuture<String> stock = new CompletableFuture<>();
    private final CompletableFuture<String> reviews = new CompletableFuture<>();
    private final Page<Void> page = Page.of(req -> div(
            suspense(p("…"), async(CompletableFuture.completedFuture("in the shell"), v -> p(v))),
            errorBoundary(e -> p("no stock"), suspense(p("…"), async(stock, v -> p(v)))),
            suspense(p("…"), async(reviews, v -> p(v)))));

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void theBuffersGaugeShowsTheArraysServedPagesGaveBack() {
        ArborMetrics.bindBuffers(registry, renderer.bufferPool());
        assertEquals(0, gauge("arbor.buffers.retained"));

        tester.get(page, "/"); // the shell is written, and its array given back once sent
        assertTrue(gauge("arbor.buffers.retained") >= 1024, "the shell's array is kept for the next page");
        assertEquals(renderer.bufferPool().retainedBytes(), gauge("arbor.buffers.retained"));
    }

    @Test
    void aServedPageIsMeasuredFromShellToEnd() {
        PageTester.Response response = tester.get(page, "/");
        assertEquals(1, registry.get("arbor.render.shell").timer().count(), "time to shell");
        assertEquals(1, gauge("arbor.render.open"), "an open stream");
        assertEquals(1, count("arbor.boundaries", "delivery", "inlined"));

        stock.completeExceptionally(new IllegalStateException("inventory down"));
        reviews.complete("five stars");
        assertEquals(true, response.isEnded());

        assertEquals(0, gauge("arbor.render.open"));
        assertEquals(1, registry.get("arbor.render.complete").timer().count(), "time to complete");
        assertEquals(1, count("arbor.boundaries", "delivery", "streamed"), "the failed one's error view is no boundary");
        assertEquals(1, registry.get("arbor.boundary.latency").timer().count());
        assertEquals(1, count("arbor.errors", "digest", "stock-14", "exception", "IllegalStateException"));
    }

    @Test
    void abortsFailuresAndDeadlinesAreCounted() {
        tester.get(page, "/").abort();
        assertEquals(1, count("arbor.render.aborted"));

        CompletableFuture<String> shellData = new CompletableFuture<>();
        PageTester.Response failing = tester.get(Page.of(req -> div(async(shellData, v -> p(v)))), "/");
        shellData.completeExceptionally(new IllegalStateException("no shell"));
        assertEquals(500, failing.status());
        assertEquals(1, count("arbor.render.failed"), "the render failed before its shell; its 500 page rendered");
        assertEquals(1, count("arbor.errors", "digest", "stock-8", "exception", "IllegalStateException"));

        PageTester.Response late = tester.get(Page.of(req -> div(suspense(p("…"), async(new CompletableFuture<String>(),
                v -> p(v))))), "/");
        scheduler.fireAll();
        assertEquals(true, late.isEnded());
        assertEquals(1, count("arbor.render.deadlines"));
        assertEquals(0, gauge("arbor.render.open"), "every render closed, whatever its end");
    }
}

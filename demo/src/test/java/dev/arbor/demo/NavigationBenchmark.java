package dev.arbor.demo;

import com.microsoft.playwright.Page;
import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.vertx.ArborHost;
import dev.arbor.vertx.ArborServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (its name keeps it out of the test phase): the time from a click on a
 * product link of the demo's shop to the new page's shell painted (the first animation frame
 * after the runtime put it in the outlet), with and without a preload before the click, in
 * Chromium against the demo with its real latencies (the product's source answers after 120 ms).
 * docs/benchmarks.md gives the command and the figures.
 */
class NavigationBenchmark {
    private static final int RUNS = 30;
    private static final String[] PRODUCTS = {"/products/alpine-tent", "/products/summit-pack"};

    /** Records the click's time, and the first frame after the next navigation showed its shell. */
    private static final String PROBE = String.join("\n",
            "() => { window.clickedAt = 0; window.paintedAt = 0;",
            "  document.addEventListener('click', () => { window.clickedAt = performance.now(); window.paintedAt = 0; }, true);",
            "  document.addEventListener('arbor:navigated', () => requestAnimationFrame(() => {",
            "    window.paintedAt = performance.now(); })); }");

    @Test
    void clickToShellPainted() throws Exception {
        Vertx vertx = Vertx.vertx();
        Renderer renderer = Renderer.builder().mode(Mode.PRODUCTION).scheduler(ArborHost.scheduler(vertx)).build();
        ArborHost host = DemoApp.host(renderer);
        Sources sources = new TimerSources(vertx);
        HttpServer server = vertx.createHttpServer(ArborServer.options(0))
                .requestHandler(DemoApp.router(vertx, host, sources, ForumQueries.of(sources),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String base = "http://localhost:" + server.actualPort();
        try (Chromium chromium = new Chromium(); Chromium.Tab tab = chromium.newTab()) {
            Page page = tab.page;
            page.navigate(base + PRODUCTS[0]);
            page.waitForCondition(() -> (Boolean) page.evaluate("() => !!(window.arbor && arbor.navigate)"));
            page.evaluate("() => { arbor.navigation.preload = 'none'; }");
            page.evaluate(PROBE);
            List<Double> cold = new ArrayList<>();
            List<Double> preloaded = new ArrayList<>();
            for (int i = 0; i < 2 * RUNS + 4; i++) {
                boolean preload = i % 2 == 1;
                String next = PRODUCTS[(i + 1) % 2];
                String link = ".sidebar a[href='" + next + "']";
                if (preload) {
                    // what a hover does after its delay; the whole response is in before the click
                    page.waitForResponse(response -> response.url().endsWith(next),
                            () -> page.evaluate("url => arbor.preload(url)", next)).finished();
                }
                page.locator(link).click();
                page.waitForCondition(() -> ((Number) page.evaluate("() => window.paintedAt")).doubleValue() > 0);
                page.waitForCondition(() -> (Boolean) page.evaluate("() => !!document.querySelector('#product-reviews')"));
                double ms = ((Number) page.evaluate("() => window.paintedAt - window.clickedAt")).doubleValue();
                if (i >= 4) { // the first rounds warm the JIT and the connection
                    (preload ? preloaded : cold).add(ms);
                }
            }
            System.out.println(summary("without preload", cold));
            System.out.println(summary("with preload   ", preloaded));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String summary(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "click to shell painted, %s: median %.1f ms, p90 %.1f ms, min %.1f ms (%d runs)",
                name, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get(0), sorted.size());
    }
}

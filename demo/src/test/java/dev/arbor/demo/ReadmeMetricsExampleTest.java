package dev.arbor.demo;

import static j2html.TagCreator.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Renderer;
import dev.arbor.vertx.ArborMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The root README's metrics example, compiled and run; fails when README.md drifts from it. */
class ReadmeMetricsExampleTest {
    @Test
    void theExampleRecordsRendersForPrometheus() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            // README:metrics
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Renderer renderer = Renderer.builder().listener(ArborMetrics.bindTo(registry)).build();
            router.get("/metrics").handler(ctx -> ctx.response().end(registry.scrape()));
            // END
            renderer.renderToString(p("hello")).toCompletableFuture().join();
            assertTrue(registry.scrape().matches("(?s).*arbor_render_complete_seconds_count 1(\\.0)?\\n.*"), registry.scrape());
            assertEquals(1, router.getRoutes().size());
        } finally {
            vertx.close();
        }
    }

    @Test
    void readmeShowsTheExampleVerbatim() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.getParent().resolve("README.md"));
        String source = Files.readString(module.resolve("src/test/java/dev/arbor/demo/ReadmeMetricsExampleTest.java"));
        Matcher m = Pattern.compile("(?ms)^[ \\t]*// README:\\w+[ \\t]*\\n(.*?)^[ \\t]*// END[ \\t]*$").matcher(source);
        assertTrue(m.find());
        String block = m.group(1).stripTrailing().stripIndent().strip();
        assertTrue(readme.contains(block), "README.md lacks the example:\n" + block);
    }
}

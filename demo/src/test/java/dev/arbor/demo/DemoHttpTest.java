package dev.arbor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.demo.pages.IndexPage;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo over HTTP, with every source answering at once: what needs a server (routes, the query
 * endpoint, complete documents over the wire). Pages alone are tested without one in {@link DemoPagesTest}.
 */
class DemoHttpTest {
    private static DemoFixture demo;
    private static HttpClient client;

    /** A finished response. */
    private record Response(int status, String location, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoFixture();
        demo.sources.releaseAll();
        client = demo.vertx.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    private static Response get(String uri) throws Exception {
        CompletableFuture<Response> result = new CompletableFuture<>();
        // On a Vert.x context: from the test's thread, body() could be called after the body arrived.
        demo.vertx.getOrCreateContext().runOnContext(v -> client.request(HttpMethod.GET, demo.port(), "localhost", uri)
                .compose(request -> request.send()
                        .compose((HttpClientResponse response) -> response.body().map(body ->
                                new Response(response.statusCode(), response.getHeader("Location"), body.toString()))))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        result.complete(done.result());
                    } else {
                        result.completeExceptionally(done.cause());
                    }
                }));
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theIndexLinksEveryExampleWithOneLineEach() throws Exception {
        Document index = Jsoup.parse(get("/").body());
        List<String> links = index.select("#examples a.example").eachAttr("href");
        assertEquals(IndexPage.EXAMPLES.stream().map(IndexPage.Example::path).collect(Collectors.toList()), links);
        for (String required : List.of("/streaming", "/nested", "/errors", "/shell", "/no-such-page")) {
            assertTrue(links.contains(required), required);
        }
        index.select("#examples a.example").forEach(a -> assertFalse(a.select("p").text().isBlank(), a.attr("href")));
    }

    @Test
    void everyExampleAnswersWithItsStatus() throws Exception {
        Map<String, Integer> expected = Map.of("/products/unicorn", 404, "/no-such-page", 404,
                "/old-dashboard", 302, "/broken", 500);
        for (IndexPage.Example example : IndexPage.EXAMPLES) {
            Response response = get(example.path());
            assertEquals(expected.getOrDefault(example.path(), 200), response.status(), example.path());
            if (response.status() != 302) {
                assertTrue(response.body().endsWith("</html>"), example.path());
            }
        }
    }

    @Test
    void streamingPageReadsItsLatencyFromTheQuery() throws Exception {
        // With every source released the values do not matter, but bad ones must not break the page.
        Response response = get("/streaming?slow=abc&slower=-5");
        assertEquals(200, response.status());
        assertEquals(5, Jsoup.parse(response.body()).select("#orders tbody tr.order").size());
    }

    @Test
    void postsPageSendsTheFeedAndItsPendingQueriesWithoutTheErrorMessage() throws Exception {
        Response response = get("/posts");
        assertEquals(200, response.status());
        String body = response.body();
        assertTrue(body.contains("[\"q\",{\"queries\":[{\"queryKey\":[\"posts\"]"), "the feed is hydrated");
        assertTrue(body.contains("\"queryKey\":[\"comments\",1]"), "the comments are sent");
        assertTrue(body.contains("\"queryKey\":[\"stats\"]"), "the stats' error is sent");
        assertFalse(body.contains("analytics-db-7"), "the error is redacted");
        Document doc = Jsoup.parse(body);
        String script = doc.select("body script[src]").attr("src"); // the head has the navigation script
        assertEquals(DemoApp.ASSETS.url("posts.js"), script);
        assertTrue(script.matches("/assets/posts\\.[0-9a-f]{10}\\.js"), script);
        Response js = get(script);
        assertEquals(200, js.status());
        assertTrue(js.body().contains("arbor.island"), "the hashed URL serves the script");
        assertFalse(doc.select("script[src]").attr("nonce").isEmpty(), "the islands' script carries the nonce");

        Document complete = Jsoup.parse(get("/posts?arbor-render=document").body());
        assertEquals(4, complete.select("#feed li.post").size(), "crawlers get the feed as HTML");
        assertEquals("Three nights on the Haute Route", complete.select("#thread h2").text());
    }

    @Test
    void queryEndpointServesTheRegisteredQueriesOnly() throws Exception {
        Response posts = get(queryUri("[\"posts\"]"));
        assertEquals(200, posts.status());
        assertTrue(posts.body().contains("\"revision\":"), posts.body());

        Response comments = get(queryUri("[\"comments\",1]"));
        assertEquals(200, comments.status());
        assertTrue(comments.body().contains("Microspikes were enough"), comments.body());

        Response stats = get(queryUri("[\"stats\"]"));
        assertEquals(200, stats.status());
        assertTrue(stats.body().contains("\"status\":\"error\""), stats.body());
        assertTrue(stats.body().contains("\"message\":\"redacted\""), stats.body());
        assertFalse(stats.body().contains("analytics-db-7"), stats.body());

        assertEquals(404, get(queryUri("[\"orders\"]")).status());
        assertEquals(400, get(queryUri("posts")).status());
    }

    @Test
    void metricsAreServedToPrometheus() throws Exception {
        assertEquals(200, get("/streaming").status());
        assertEquals(500, get("/broken").status());
        Response metrics = get("/metrics");
        assertEquals(200, metrics.status());
        String text = metrics.body();
        for (String series : List.of("arbor_render_shell_seconds_count", "arbor_render_complete_seconds_bucket",
                "arbor_render_open", "arbor_boundaries_total{delivery=\"inlined\"}", "arbor_boundary_latency_seconds_count",
                "arbor_render_aborted_total", "arbor_render_deadlines_total", "arbor_errors_total{digest=\"")) {
            assertTrue(text.contains(series), series + " in:\n" + text);
        }
        assertTrue(text.contains("exception=\"IllegalStateException\""), "the broken page's error, by digest");
    }

    private static String queryUri(String keyJson) {
        return "/_arbor/query?key=" + URLEncoder.encode(keyJson, StandardCharsets.UTF_8);
    }
}

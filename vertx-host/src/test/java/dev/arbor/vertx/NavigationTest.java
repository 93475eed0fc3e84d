package dev.arbor.vertx;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.header;
import static j2html.TagCreator.main;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.Deferred;
import dev.arbor.Renderer;
import dev.arbor.testing.Gates;
import dev.arbor.testing.ManualScheduler;
import dev.arbor.testing.StreamReplay;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Client navigation on the server: a request with {@code Arbor-Navigate} renders only what is
 * below the layouts the client shows, in the frame framing, without running their loaders.
 */
class NavigationTest {
    record Section(String name, Deferred<String> late) {
    }

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> reported = new ArrayList<>();
    private final Renderer renderer = Renderer.builder().scheduler(scheduler)
            .errorReporter((digest, error) -> reported.add(digest)).build();
    private final Gates gates = new Gates();
    private final AtomicInteger siteLoads = new AtomicInteger();
    private final AtomicInteger productLoads = new AtomicInteger();
    private final AtomicInteger pageLoads = new AtomicInteger();

    private final Layout<String> site = Layout.<String>of(req -> {
                siteLoads.incrementAndGet();
                return gates.load("site");
            }, (req, name, outlet) -> div(header(name).withId("top"), main(outlet).withId("outlet")))
            .head(name -> Head.of(name).withMeta("description", "The site"))
            .key("site");
    private final Layout<String> product = Layout.<String>of(req -> {
                productLoads.incrementAndGet();
                return gates.load("product");
            }, (req, name, outlet) -> section(h1(name), outlet).withId("product"))
            .key("product", "id")
            .in(site);
    private final Page<Section> reviews = Page.<Section>of(req -> {
                pageLoads.incrementAndGet();
                return gates.<String>load("page").thenApply(name -> {
                    if (name.equals("moved")) {
                        throw Halt.seeOther("/elsewhere");
                    }
                    if (name.equals("gone")) {
                        throw Halt.notFound();
                    }
                    if (name.equals("broken")) {
                        throw new IllegalStateException("broken");
                    }
                    return new Section(name, defer(gates.<String>load("late")));
                });
            }, (req, s) -> div(p(s.name()).withId("page"),
                    suspense(p("late…").withClass("fallback"), async(s.late().stage(), late -> p(late).withId("late"))),
                    suspense(p("other…").withClass("fallback"), async(gates.<String>load("other"), o -> p(o).withId("other")))))
            .head(s -> Head.of("Reviews · Café ☕").withMeta("description", s.name()))
            .in(product);
    private final Page<Void> about = Page.of(req -> p("About us").withId("about")).head(Head.of("About")).in(site);
    private final Page<Void> lone = Page.of(req -> p("alone"));
    private final PageTester tester = PageTester.of(ArborHost.builder(renderer).head(Head.of("Shop"))
            .notFoundPage(Page.of(req -> p("Nothing at " + req.path()).withId("missing")).head(Head.of("Missing")).in(site))
            .build());

    private PageTester.Response navigate(Page<?> page, String uri, String from) {
        PageTester.Request request = tester.request(page, uri);
        if (uri.startsWith("/products/")) {
            request.route("/products/:id");
        }
        return request.header("Arbor-Navigate", from).send();
    }

    @Test
    void aDocumentMarksTheOutletOfEveryKeyedLayout() {
        PageTester.Response response = tester.request(reviews, "/products/tent").route("/products/:id").send();
        gates.release("site", "Trailhead");
        gates.release("product", "Tent");
        gates.release("page", "Reviews");
        String body = response.body();
        assertTrue(body.contains("<main id=\"outlet\"><!--@site--><section id=\"product\"><h1>Tent</h1><!--@product=tent-->"),
                body);
        assertTrue(body.contains("<!--/@--></section><!--/@--></main>"), body);
        assertEquals(1, siteLoads.get());
        assertTrue(response.header("Vary").contains("Arbor-Navigate"), "one URL, two answers: caches must tell them apart");
    }

    @Test
    void aNavigationUnderASharedLayoutRunsOnlyThePagesLoadersAndStreamsThePagesPartOnly() {
        PageTester.Response response = navigate(about, "/about", "site product=tent");
        assertEquals(0, siteLoads.get(), "the shared layout's loader did not run");
        assertEquals(200, response.status());
        assertEquals("text/x-arbor-frames; charset=utf-8", response.header("Content-Type"));
        assertEquals("site", response.header("Arbor-Outlet"), "what replaces the site layout's outlet");
        assertTrue(response.header("Vary").contains("Arbor-Navigate"));
        String body = response.body();
        assertTrue(body.startsWith("h"), "frames, not a document: " + body);
        assertFalse(body.contains("<html") || body.contains("id=\"top\"") || body.contains("<script"),
                "the layout is not rendered again, and no script is sent: " + body);
        Document shell = StreamReplay.ofFrames(response.chunks()).shell();
        assertEquals("About us", shell.select("#about").text());
        JsonNode head = head(response);
        assertEquals("About", head.get("title").asText());
    }

    @Test
    void changedLayoutsAndThePageLoadInParallelAndBoundariesStreamInAnyOrder() {
        PageTester.Response response = navigate(reviews, "/products/lamp", "site product=tent");
        // the product layout shows another id: it is rendered again, its loader with the page's
        assertTrue(gates.wasRequested("product") && gates.wasRequested("page"), "both started before either completed");
        assertEquals(0, siteLoads.get());
        assertEquals(List.of(1, 1), List.of(productLoads.get(), pageLoads.get()));
        gates.release("page", "Reviews of the lamp");
        assertTrue(response.chunks().isEmpty(), "the shell waits for every loader that runs");
        gates.release("product", "Lamp");

        assertEquals("site", response.header("Arbor-Outlet"));
        StreamReplay shellOnly = StreamReplay.ofFrames(response.chunks());
        Document shell = shellOnly.shell();
        assertEquals("Lamp", shell.select("#product h1").text());
        assertEquals(2, shell.select(".fallback").size(), "fallbacks first");
        assertTrue(response.chunks().get(0).contains("<!--@product=lamp-->"), "the new layout's outlet is marked");

        gates.release("other", "Other part");   // the second boundary completes first
        gates.release("late", "Late part");
        assertTrue(response.isEnded());
        Document done = StreamReplay.ofFrames(response.chunks()).document();
        assertEquals("Other part", done.select("#other").text());
        assertEquals("Late part", done.select("#late").text());
        assertTrue(done.select(".fallback").isEmpty());
        JsonNode head = head(response);
        assertEquals("Reviews · Café ☕", head.get("title").asText(), "a non-ASCII title travels percent-encoded");
        assertEquals("[\"name\",\"description\",\"Reviews of the lamp\"]", head.get("meta").get(0).toString());
    }

    @Test
    void aLayoutKeyedByAPathParamIsSharedWhenTheParamIsTheSame() {
        PageTester.Response response = navigate(reviews, "/products/tent", "site product=tent");
        assertFalse(gates.wasRequested("product"), "same product: its layout stays");
        gates.release("page", "Reviews");
        assertEquals("product=tent", response.header("Arbor-Outlet"));
        assertEquals(0, siteLoads.get() + productLoads.get());
    }

    @Test
    void aNavigationFromAnotherRootLayoutIsDeclinedAndRunsNoLoader() {
        PageTester.Response response = navigate(about, "/about", "admin");
        assertEquals(204, response.status());
        assertEquals("1", response.header("Arbor-Reload"), "the client loads the document instead");
        assertEquals(0, siteLoads.get() + pageLoads.get());
        assertEquals(204, navigate(lone, "/lone", "site").status(), "a page without a keyed layout shares nothing");
    }

    @Test
    void aRedirectIsARealRedirectThatTheFetchFollows() {
        PageTester.Response response = navigate(reviews, "/products/tent", "site product=tent");
        gates.release("page", "moved");
        assertEquals(303, response.status());
        assertEquals("/elsewhere", response.location());
    }

    @Test
    void notFoundRendersTheNotFoundPageAsANavigation() {
        PageTester.Response response = navigate(reviews, "/products/tent", "site product=tent");
        gates.release("page", "gone");
        assertEquals(404, response.status());
        assertEquals("site", response.header("Arbor-Outlet"), "the not-found page sits in the site layout");
        assertEquals("Nothing at /products/tent", StreamReplay.ofFrames(response.chunks()).shell().select("#missing").text());
        assertEquals("Missing", head(response).get("title").asText());
        assertEquals(0, siteLoads.get());
    }

    @Test
    void aFailureBeforeTheShellAnswersTheErrorPageAsADocument() {
        PageTester.Response response = navigate(reviews, "/products/tent", "site product=tent");
        gates.release("page", "broken");
        assertEquals(500, response.status());
        assertTrue(response.header("Content-Type").startsWith("text/html"), "the runtime loads it as a document");
        assertEquals(1, reported.size());
    }

    @Test
    void aPreloadTheClientAbandonsCancelsItsPendingWork() {
        PageTester.Response response = tester.request(reviews, "/products/lamp").route("/products/:id")
                .header("Arbor-Navigate", "site product=tent").header("Arbor-Preload", "1").send();
        assertTrue(gates.wasRequested("page"));
        response.abort();
        // (the page's loader returns a future derived from its gate, which a cancel does not reach)
        assertTrue(gates.latest("product").isCancelled(), "the changed layout's pending loader");

        // and one abandoned while it streams: its boundaries' stages are cancelled
        gates.reset();
        PageTester.Response streaming = tester.request(reviews, "/products/tent").route("/products/:id")
                .header("Arbor-Navigate", "site product=tent").header("Arbor-Preload", "1").send();
        gates.release("page", "Reviews");
        assertFalse(streaming.chunks().isEmpty(), "the shell was sent");
        streaming.abort();
        assertTrue(gates.latest("late").isCancelled() && gates.latest("other").isCancelled());
        assertTrue(reported.isEmpty(), "a client that goes away is no error");
    }

    @Test
    void malformedNavigationHeadersAre400sAndRunNothing() {
        for (String bad : List.of("site <script>", "a".repeat(3000), "x--y", "site product=tent\"")) {
            PageTester.Response response = navigate(about, "/about", bad);
            assertEquals(400, response.status(), bad);
        }
        assertEquals(0, siteLoads.get() + pageLoads.get());
    }

    @Test
    void crawlersAndHeadRequestsGetWhatTheyAlwaysGet() {
        PageTester.Response crawler = tester.request(about, "/about").header("Arbor-Navigate", "site")
                .header("User-Agent", "Googlebot/2.1").send();
        gates.release("site", "Trailhead");
        assertTrue(crawler.body().startsWith("<!DOCTYPE html>") || crawler.body().startsWith("<html"), crawler.body());
        assertNull(crawler.header("Arbor-Outlet"));
        assertEquals(1, siteLoads.get());
    }

    @Test
    void theDeadlineHoldsForANavigation() {
        PageTester.Response response = tester.request(reviews.deadline(java.time.Duration.ofSeconds(2)), "/products/tent")
                .route("/products/:id").header("Arbor-Navigate", "site product=tent").send();
        gates.release("page", "Reviews");
        assertFalse(response.isEnded(), "two boundaries wait");
        assertTrue(scheduler.delays().contains(java.time.Duration.ofSeconds(2)), "the page's deadline: " + scheduler.delays());
        scheduler.fireAll();
        assertTrue(response.isEnded(), "the deadline ended the stream");
        assertTrue(gates.latest("late").isCancelled(), "and cancelled what was pending");
        assertEquals("text/x-arbor-frames; charset=utf-8", response.header("Content-Type"));
    }

    @Test
    void theNavigationHeadCarriesThePagesStylesheetsAndScripts() {
        Page<Void> scripted = Page.of(req -> p("scripted"))
                .head(Head.of("Scripted").withStylesheet("/page.css").withScript("/page.js")).in(site);
        PageTester.Response response = navigate(scripted, "/scripted", "site");
        JsonNode head = head(response);
        assertEquals("[[\"stylesheet\",\"/page.css\"]]", head.get("link").toString());
        assertEquals("[[\"\",\"/page.js\"]]", head.get("script").toString());
    }

    private static JsonNode head(PageTester.Response response) {
        try {
            return new ObjectMapper().readTree(URLDecoder.decode(response.header("Arbor-Head"), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

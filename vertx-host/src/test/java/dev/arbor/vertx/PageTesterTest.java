package dev.arbor.vertx;

import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static dev.arbor.Arbor.errorBoundary;
import static j2html.TagCreator.b;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.ul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.testing.ManualScheduler;
import dev.arbor.Deferred;
import dev.arbor.Renderer;
import dev.arbor.testing.StreamReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Pages through the host without a socket: status, headers and the stream, futures completed by hand. */
class PageTesterTest {
    record Shop(String name) {
    }

    record Product(String name, Deferred<List<String>> reviews) {
    }

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> reported = new ArrayList<>();
    private final Renderer renderer = Renderer.builder().scheduler(scheduler)
            .digest(error -> "d-" + error.getClass().getSimpleName())   // stable digests: comparable pages
            .errorReporter((digest, error) -> reported.add(digest)).build();
    private final ArborHost host = ArborHost.builder(renderer).head(Head.of("Shop")).build();
    private final PageTester tester = PageTester.of(host);

    private final CompletableFuture<Shop> shop = new CompletableFuture<>();
    private final CompletableFuture<String> product = new CompletableFuture<>();
    private final CompletableFuture<List<String>> reviews = new CompletableFuture<>();
    private final List<String> asked = new ArrayList<>();

    private final Layout<Shop> layout = Layout.of(req -> shop,
            (req, s, outlet) -> div(nav(s.name()).withClass("shop"), main(outlet))).head(s -> Head.of(s.name()));
    private final Page<Product> productPage = Page.<Product>of(req -> {
                asked.add(req.pathParam("id") + "?" + req.queryParam("tab"));
                return product.thenApply(name -> {
                    if (name.equals("gone")) {
                        throw Halt.notFound();
                    }
                    if (name.equals("moved")) {
                        throw Halt.redirect("/products/new");
                    }
                    if (name.equals("draft")) {
                        req.status(202).cacheControl("private, max-age=5");
                    }
                    return new Product(name, defer(reviews));
                });
            },
            (req, p) -> div(h1(p.name()), errorBoundary(error -> p("No reviews (" + error.digest() + ")").withId("failed"),
                    await(p.reviews(), p("Loading reviews…").withClass("skeleton"),
                            list -> ul(list.stream().map(r -> li(b(r))).toArray(j2html.tags.DomContent[]::new))))))
            .head(p -> Head.of(p.name() + " · Shop"))
            .in(layout);

    @Test
    void aPageStreamsThroughItsLayoutAsTheTestCompletesItsFutures() {
        PageTester.Response response = tester.request(productPage, "/products/lamp?tab=reviews")
                .route("/products/:id").send();
        assertEquals(List.of("lamp?reviews"), asked, "the loaders started at once");
        assertEquals(0, response.status(), "nothing is decided while loaders are pending");

        product.complete("Lamp");
        assertEquals(0, response.status(), "the layout's loader still runs");
        shop.complete(new Shop("Trailhead"));

        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.header("content-type"));
        assertEquals("no-store", response.header("Cache-Control"));
        assertTrue(response.header("Content-Security-Policy").startsWith("script-src 'nonce-"));
        assertFalse(response.isEnded());
        Document shell = response.replay().shell();
        assertEquals("Lamp · Shop", shell.title());
        assertEquals("Trailhead", shell.select("nav.shop").text());
        assertEquals("Loading reviews…", shell.select(".skeleton").text());

        reviews.complete(List.of("Ada", "Grace"));
        assertTrue(response.isEnded());
        StreamReplay replay = response.replay();
        assertEquals(List.of("Ada", "Grace"), replay.document().select("li b").eachText());
        assertEquals(2, response.chunks().size(), "the shell, then the reviews");
    }

    @Test
    void aPageSeesThePathAsAServerGivesIt() {
        Page<Void> echo = Page.of(req -> p(req.path() + " " + req.pathParam("id")).withId("echo"));
        PageTester.Response response = tester.request(echo, "/x/../products/lamp%20shade%2Fbig").route("/products/:id").send();
        // normalized as Vert.x Web's normalizedPath(): dot segments gone, %20 and %2F kept; the parameter decoded
        assertEquals("/products/lamp%20shade%2Fbig lamp shade/big",
                StreamReplay.settle(response.body()).select("#echo").text());
        PageTester.Response plus = tester.request(echo, "/products/a+b").route("/products/:id").send();
        assertEquals("/products/a+b a+b", StreamReplay.settle(plus.body()).select("#echo").text(), "a path's '+' is no space");
    }

    @Test
    void haltsAnswerWithTheirStatusBeforeTheShell() {
        shop.complete(new Shop("Trailhead"));
        PageTester.Response redirect = tester.get(productPage, "/products/old");
        product.complete("moved");
        assertEquals(302, redirect.status());
        assertEquals("/products/new", redirect.location());
        assertEquals("no-store", redirect.header("Cache-Control"));

        PageTester.Response missing = tester.get(Page.of(req -> CompletableFuture.failedFuture(Halt.notFound()),
                (req, v) -> p("never")), "/products/x");
        assertEquals(404, missing.status(), "the host's not-found page");
        assertEquals("Page not found", StreamReplay.settle(missing.body()).title());
        assertEquals(404, tester.notFound("/nothing/here").status());
    }

    @Test
    void aFailureBeforeTheShellIsThe500PageWithItsDigest() {
        shop.complete(new Shop("Trailhead"));
        PageTester.Response first = tester.get(productPage, "/products/lamp");
        PageTester.Response second = tester.get(productPage, "/products/lamp");
        product.completeExceptionally(new IllegalStateException("catalog down"));

        assertEquals(500, first.status());
        assertTrue(first.isEnded());
        assertEquals(List.of("d-IllegalStateException", "d-IllegalStateException"), reported);
        assertTrue(first.body().contains("d-IllegalStateException"), first.body());
        assertFalse(first.body().contains("catalog down"), "production: a digest only");
        assertEquals(StreamReplay.normalized(first.body()).replaceAll("nonce-?[^\"' ]*", ""),
                StreamReplay.normalized(second.body()).replaceAll("nonce-?[^\"' ]*", ""),
                "with a fixed digest function two renders of a failing page compare equal");
    }

    @Test
    void theStatusAndCachingAPageSetsReachTheHead() {
        shop.complete(new Shop("Trailhead"));
        reviews.complete(List.of());
        PageTester.Response response = tester.get(productPage, "/products/draft");
        product.complete("draft");
        assertEquals(202, response.status());
        assertEquals("private, max-age=5", response.header("Cache-Control"));
        assertTrue(response.isEnded());
    }

    @Test
    void crawlersGetTheCompleteDocumentInOnePieceAndHeadGetsNoBody() {
        shop.complete(new Shop("Trailhead"));
        product.complete("Lamp");
        PageTester.Response head = tester.request(productPage, "/products/lamp").head().send();
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertTrue(head.isEnded(), "a HEAD request ends at its shell (and cancels what is pending)");

        CompletableFuture<List<String>> later = new CompletableFuture<>();
        Page<Product> slow = Page.of(req -> CompletableFuture.completedFuture(new Product("Lamp", defer(later))),
                (req, p) -> await(p.reviews(), p("…"), list -> ul(li(b(list.get(0))))));
        PageTester.Response crawler = tester.request(slow, "/products/lamp").header("User-Agent", "Googlebot/2.1").send();
        assertEquals(0, crawler.status(), "a crawler waits for the whole page");
        later.complete(List.of("Ada"));
        assertEquals(200, crawler.status());
        assertEquals(1, crawler.chunks().size());
        assertEquals("Ada", StreamReplay.settle(crawler.body()).select("li b").text());
    }

    @Test
    void aClientThatGoesAwayCancelsThePendingWork() {
        PageTester.Response response = tester.get(productPage, "/products/lamp");
        response.abort();
        assertTrue(shop.isCancelled(), "the layout's loader is cancelled");
        product.complete("Lamp");
        assertEquals(0, response.status(), "nothing is sent to a client that left");
        assertTrue(response.chunks().isEmpty());
        assertTrue(reported.isEmpty(), "nothing is reported for a client that left");
    }

    @Test
    void whatATestCannotGiveIsAClearError() {
        Page<Void> timer = Page.of(req -> p("now " + req.vertx().getClass().getSimpleName()));
        PageTester.Response response = tester.get(timer, "/timer");
        assertEquals(500, response.status(), "the view's failure is the page's 500");
        assertEquals(List.of("d-IllegalStateException"), reported, "PageRequest.vertx() without withVertx");
        assertThrows(IllegalArgumentException.class, () -> tester.request(productPage, "/shop/lamp").route("/products/:id"));
        assertNull(tester.request(productPage, "/products/lamp").send().header("Location"));
    }
}

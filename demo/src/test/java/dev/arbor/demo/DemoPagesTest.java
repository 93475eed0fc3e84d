package dev.arbor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.demo.pages.ErrorsPage;
import dev.arbor.demo.pages.ProductPages;
import dev.arbor.demo.pages.SimplePages;
import dev.arbor.demo.pages.StreamingPage;
import dev.arbor.testing.Gates;
import dev.arbor.testing.ManualScheduler;
import dev.arbor.testing.StreamReplay;
import dev.arbor.vertx.PageTester;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The demo's pages through its host with {@link PageTester}: no server, no socket; each source is
 * released by hand, in the order the test chooses.
 */
class DemoPagesTest {
    private final Gates gates = new Gates();
    private final Sources sources = DemoFixture.gated(gates);
    private final List<String> reported = new ArrayList<>();

    private PageTester tester(Mode mode) {
        Renderer renderer = Renderer.builder().mode(mode).scheduler(new ManualScheduler())          // deadlines never pass by themselves
                .digest(error -> "ref-" + error.getClass().getSimpleName())  // the same for the same error
                .errorReporter((digest, error) -> reported.add(digest)).build();
        return PageTester.of(DemoApp.host(renderer));
    }

    @Test
    void theDashboardStreamsItsSectionsInTheOrderTheirSourcesAnswer() {
        PageTester.Response response = tester(Mode.PRODUCTION).get(StreamingPage.page(sources), "/streaming?slow=5");
        assertEquals(200, response.status(), "the shell needs no source");
        Document shell = response.replay().shell();
        assertEquals(4, shell.select("#kpis .kpi").size(), "figures are in the shell");
        assertTrue(shell.select("#orders tr.order").isEmpty());

        gates.release("reviews");                              // the slower source answers first
        assertEquals(2, response.chunks().size());
        assertFalse(response.replay().document().select("#reviews li.review").isEmpty());
        assertTrue(response.replay().document().select("#orders tr.order").isEmpty());
        assertFalse(response.isEnded());

        gates.release("orders");
        assertTrue(response.isEnded());
        assertEquals(5, response.replay().document().select("#orders tbody tr.order").size());

        PageTester.Response crawler = tester(Mode.PRODUCTION).request(StreamingPage.page(sources), "/streaming")
                .header("User-Agent", "Googlebot").send();
        assertEquals(1, crawler.chunks().size(), "crawlers get one piece");
        Document complete = StreamReplay.settle(crawler.body());
        Document streamed = response.replay().document();
        complete.select("head noscript").remove();                // only a stream offers the no-script refresh
        streamed.select("head noscript").remove();
        streamed.select("head script[src^=/_arbor/navigation.]").remove(); // and the navigation script
        assertEquals(StreamReplay.normalized(complete), StreamReplay.normalized(streamed),
                "the streamed page ends as the complete document");
    }

    @Test
    void aFailedSectionShowsItsDigestInProductionAndItsStackInDevelopment() {
        gates.releaseAll();
        PageTester.Response production = tester(Mode.PRODUCTION).get(ErrorsPage.page(sources), "/errors");
        Document doc = production.replay().document();
        assertEquals("Reference ref-IllegalStateException", doc.select("#inventory .error-digest").text());
        assertFalse(production.body().contains("connection pool"), "production: a digest only");
        assertTrue(doc.select("details").isEmpty());
        assertEquals(doc.select("body").outerHtml(),
                tester(Mode.PRODUCTION).get(ErrorsPage.page(sources), "/errors").replay().document().select("body").outerHtml(),
                "with a digest function that names an error by its type, two renders of a failing page are the same");

        PageTester.Response development = tester(Mode.DEVELOPMENT).get(ErrorsPage.page(sources), "/errors");
        var details = development.replay().document().selectFirst("#inventory details.arbor-error-details");
        assertTrue(details.selectFirst("summary").text().contains("Inventory service answered 503"));
        assertTrue(details.selectFirst(".arbor-error-path").text().endsWith("errorBoundary › suspense › await"),
                details.text());
    }

    @Test
    void productsDecideTheirStatusAndHeadBeforeTheShell() {
        PageTester tester = tester(Mode.PRODUCTION);
        gates.release("categories");
        PageTester.Response stove = tester.request(ProductPages.product(sources), "/products/ember-stove")
                .route("/products/:id").send();
        PageTester.Response unicorn = tester.request(ProductPages.product(sources), "/products/unicorn")
                .route("/products/:id").send();
        assertEquals(0, stove.status(), "the product decides the head: the shell waits for it");

        gates.release("product");
        assertEquals(200, stove.status());
        Document shell = stove.replay().shell();
        assertEquals("Ember Titanium Stove · Trailhead", shell.title());
        assertEquals("Ember Titanium Stove", shell.select("meta[property=og:title]").attr("content"));
        assertEquals(1, shell.select(".app .shop .sidebar").size(), "inside the shop and the site");
        // valid nesting: in a p, the island's div would close the p, and parsers would move it out
        assertEquals(1, shell.select(".product-meta > [data-arbor-island=review-count] .review-count").size(),
                shell.select("article").outerHtml());
        assertFalse(stove.isEnded(), "its reviews are still to come");

        assertEquals(404, unicorn.status());
        Document notFound = StreamReplay.settle(unicorn.body());
        assertEquals("Not found · Trailhead", notFound.title());
        assertEquals("noindex", notFound.select("meta[name=robots]").attr("content"));

        assertEquals("/streaming", tester.get(SimplePages.oldDashboard(), "/old-dashboard").location());
        PageTester.Response broken = tester.get(SimplePages.broken(), "/broken");
        assertEquals(500, broken.status());
        assertFalse(broken.body().contains("password"), broken.body());
        assertEquals("Reference ref-IllegalStateException", StreamReplay.settle(broken.body()).select("#digest").text());
    }
}

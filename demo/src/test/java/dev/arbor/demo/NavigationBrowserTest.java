package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client navigation in Chromium: links fetch the next page as a navigation and apply its stream
 * to the running page (no document load), preloading on intent, history, scroll and focus.
 */
class NavigationBrowserTest {
    private static Chromium chromium;
    private DemoFixture demo;
    private Chromium.Tab tab;
    private Page page;
    /** Every document the tab loaded, and every navigation request (Arbor-Navigate) it made. */
    private final List<String> documents = new CopyOnWriteArrayList<>();
    private final List<Request> navigations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void browser() {
        chromium = new Chromium();
    }

    @AfterAll
    static void closeBrowser() {
        chromium.close();
    }

    @BeforeEach
    void open() throws Exception {
        demo = new DemoFixture();
        tab = chromium.newTab(new Browser.NewContextOptions().setViewportSize(800, 600));
        page = tab.page;
        page.onRequest(request -> {
            if ("document".equals(request.resourceType())) {
                documents.add(request.url());
            } else if (request.headers().containsKey("arbor-navigate")) {
                navigations.add(request);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        tab.close();
        demo.close();
    }

    private void load(String path) {
        page.navigate(demo.url(path));
        // the navigation script is deferred: it is there once the document is parsed
        page.waitForCondition(() -> (Boolean) page.evaluate("() => !!(window.arbor && arbor.navigate)"));
        page.evaluate("() => { window.kept = 'state'; }");
    }

    private boolean stateKept() {
        return "state".equals(page.evaluate("() => window.kept"));
    }

    @Test
    void clickingTheNavChangesUrlTitleAndContentWithoutADocumentLoad() {
        demo.sources.releaseAll();
        load("/");
        assertEquals("page", page.locator("[data-arbor-nav] a[href='/']").getAttribute("aria-current"));

        page.locator("[data-arbor-nav] a[href='/streaming']").click();
        assertThat(page).hasURL(demo.url("/streaming"));
        assertThat(page).hasTitle("Dashboard · Trailhead");
        assertThat(page.locator("#orders .order").first()).isVisible();
        assertTrue(stateKept(), "the page's JavaScript state survived: no document load");
        assertEquals(List.of(demo.url("/")), documents);
        assertEquals("site", navigations.get(0).headers().get("arbor-navigate"), "the layouts the page showed");
        assertEquals("Today's orders and reviews at Trailhead Outfitters.",
                page.locator("head meta[name=description]").getAttribute("content"), "the head travels too");
        assertEquals("page", page.locator("[data-arbor-nav] a[href='/streaming']").getAttribute("aria-current"));
        assertEquals(null, page.locator("[data-arbor-nav] a[href='/']").getAttribute("aria-current"));
        assertEquals(1, page.locator(".topbar").count(), "the layout stayed, once");

        // keyboard and screen reader users start on the new page
        assertEquals("H1", page.evaluate("() => document.activeElement.tagName"));
        assertThat(page.locator("[data-arbor-announcer]")).hasText("Dashboard · Trailhead");
        assertFalse((Boolean) page.evaluate("() => document.documentElement.hasAttribute('data-arbor-pending')"));

        page.locator("[data-arbor-nav] a[href='/products/alpine-tent']").click();
        assertThat(page.locator("#product h1")).hasText("Alpine 2P Tent");
        page.locator(".sidebar a[href='/products/summit-pack']").click();
        assertThat(page).hasURL(demo.url("/products/summit-pack"));
        assertEquals("site shop", navigations.get(navigations.size() - 1).headers().get("arbor-navigate"));
        assertEquals("page", page.locator(".sidebar a[href='/products/summit-pack']").getAttribute("aria-current"));
        assertTrue(stateKept());
        assertEquals(1, documents.size());
    }

    @Test
    void aSlowPageStreamsItsPartsOnNavigation() {
        load("/");
        page.locator("[data-arbor-nav] a[href='/streaming']").click();
        assertThat(page.locator("#kpis")).isVisible();
        assertThat(page.locator("#orders .skeleton-row").first()).isVisible();
        assertThat(page.locator("#reviews .skeleton-item").first()).isVisible();

        demo.sources.release("reviews");   // the second part first: any completion order
        assertThat(page.locator("#reviews .review").first()).isVisible();
        assertThat(page.locator("#orders .skeleton-row").first()).isVisible();
        demo.sources.release("orders");
        assertThat(page.locator("#orders .order").first()).isVisible();
        assertEquals(0, page.locator(".skeleton-row, .skeleton-item").count());
        assertTrue(stateKept());
        assertEquals(1, documents.size());
    }

    @Test
    void hoveringShorterThanTheDelayRequestsNothingLongerRequestsOnceAndTheClickUsesIt() {
        demo.sources.releaseAll();
        load("/");
        page.evaluate("() => { arbor.navigation.preloadDelay = 3600000; }"); // a hover that never lasts long enough
        page.locator("[data-arbor-nav] a[href='/streaming']").hover();
        page.mouse().move(5, 590);
        page.evaluate("() => { arbor.navigation.preloadDelay = 0; }");
        assertTrue(navigations.isEmpty(), "a short hover requests nothing: " + navigations);

        var preload = page.waitForResponse(response -> response.url().endsWith("/streaming"),
                () -> page.locator("[data-arbor-nav] a[href='/streaming']").hover());
        preload.finished(); // the whole stream is in: the data was ready
        page.mouse().move(5, 590);
        page.locator("[data-arbor-nav] a[href='/streaming']").hover();
        assertEquals(1, navigations.size(), "one request per URL");
        assertEquals("1", navigations.get(0).headers().get("arbor-preload"));

        page.evaluate("() => { window.sawFallback = false; new MutationObserver(() => {"
                + " if (document.querySelector('#orders .skeleton-row, #reviews .skeleton-item')) window.sawFallback = true;"
                + " }).observe(document.body, {childList: true, subtree: true}); }");
        page.locator("[data-arbor-nav] a[href='/streaming']").click();
        assertThat(page.locator("#orders .order").first()).isVisible();
        assertEquals(1, navigations.size(), "the click made no new request");
        assertEquals(false, page.evaluate("() => window.sawFallback"), "a preloaded page with its data shows no fallback");
        assertTrue(stateKept());
    }

    @Test
    void focusPreloadsAtOnce() {
        demo.sources.releaseAll();
        load("/");
        page.locator("[data-arbor-nav] a[href='/streaming']").focus();
        page.waitForCondition(() -> navigations.size() == 1);
        page.keyboard().press("Enter");
        assertThat(page).hasURL(demo.url("/streaming"));
        assertEquals(1, navigations.size());
        assertEquals("H1", page.evaluate("() => document.activeElement.tagName"), "focus on the new content");
    }

    @Test
    void backAndForwardRestoreContentAndScroll() {
        demo.sources.releaseAll();
        page.setViewportSize(800, 300);
        load("/");
        page.evaluate("() => window.scrollTo(0, 400)");
        page.waitForCondition(() -> ((Number) page.evaluate("() => window.scrollY")).intValue() == 400);
        page.locator("#examples a[href='/shell']").click();
        assertThat(page).hasURL(demo.url("/shell"));
        assertEquals(0, ((Number) page.evaluate("() => window.scrollY")).intValue(), "a new page starts at the top");

        page.goBack();
        assertThat(page).hasURL(demo.url("/"));
        assertThat(page.locator("#examples")).isVisible();
        page.waitForCondition(() -> ((Number) page.evaluate("() => window.scrollY")).intValue() == 400);
        page.goForward();
        assertThat(page).hasURL(demo.url("/shell"));
        assertThat(page).hasTitle("Async component in the shell · Trailhead");
        assertThat(page.locator("main h1")).not().hasText("Streaming server components for Java");
        assertTrue(stateKept(), "history moves without document loads");
        assertEquals(1, documents.size());
    }

    @Test
    void aSupersededNavigationLeavesNoStaleContentAndCancelsItsServerWork() {
        demo.sources.release("orders");
        demo.sources.release("reviews");
        load("/");
        page.locator("[data-arbor-nav] a[href='/products/alpine-tent']").click(); // its loaders wait
        demo.sources.requested("product").join();
        page.locator("[data-arbor-nav] a[href='/streaming']").click();
        assertThat(page).hasURL(demo.url("/streaming"));
        assertThat(page.locator("#orders .order").first()).isVisible();
        // the abandoned fetch cancelled the product page's pending loaders on the server (the shop
        // layout's loader returns its source's stage itself)
        page.waitForCondition(() -> demo.sources.latest("categories").isCancelled());
        demo.sources.releaseAll();
        page.locator("#orders .order").first().click(); // a round trip through the page's event loop
        assertEquals(0, page.locator("#product").count(), "the superseded page never shows");
        assertThat(page).hasURL(demo.url("/streaming"));
    }

    @Test
    void aRedirectShowsItsFinalUrlAndALinkOptingOutLoadsTheDocument() {
        demo.sources.releaseAll();
        load("/");
        page.evaluate("() => arbor.navigate('/old-dashboard')");
        assertThat(page).hasURL(demo.url("/streaming"));
        assertThat(page).hasTitle("Dashboard · Trailhead");
        assertTrue(stateKept(), "the redirect was followed by the navigation's fetch");

        // what the host does not answer as a navigation (here the complete document) is loaded as a document
        page.evaluate("() => arbor.navigate('/?arbor-render=document')");
        page.waitForCondition(() -> documents.size() == 2);
        assertThat(page).hasURL(demo.url("/?arbor-render=document"));
        assertThat(page.locator("#examples")).isVisible();

        load("/streaming");
        documents.clear();
        page.evaluate("() => document.querySelector('[data-arbor-nav] a[href=\"/\"]').setAttribute('data-arbor-reload', '')");
        page.locator("[data-arbor-nav] a[href='/']").click();
        assertThat(page).hasURL(demo.url("/"));
        page.waitForCondition(() -> documents.size() == 1);
    }

    @Test
    void revalidateRendersTheCurrentPageAgainThroughTheSameProtocol() {
        demo.sources.releaseAll();
        load("/streaming");
        int before = navigations.size();
        page.evaluate("() => { document.querySelector('#kpis').setAttribute('data-old', ''); arbor.revalidate(); }");
        page.waitForCondition(() -> page.locator("#kpis").count() == 1 && page.locator("#kpis[data-old]").count() == 0);
        assertEquals(before + 1, navigations.size());
        assertTrue(stateKept());
        assertEquals(1, documents.size());
    }

    @Test
    void islandsMountInNavigatedContentWithThePagesOwnScriptAndTheQueryCacheSurvives() {
        load("/");
        page.locator("#examples a[href='/posts']").click();
        assertThat(page).hasURL(demo.url("/posts"));
        assertThat(page.locator("#feed li.skeleton-item").first()).isVisible();
        demo.sources.release("posts");
        var feed = page.locator("#feed .feed");
        assertThat(feed).hasAttribute("data-state", "ready");   // posts.js came with the navigation's head
        assertThat(feed.locator("li.post")).hasCount(4);
        String revision = feed.getAttribute("data-revision");
        demo.sources.releaseAll();
        assertThat(page.locator(".comments-island")).hasAttribute("data-state", "ready");

        page.locator("[data-arbor-nav] a[href='/']").click();
        assertThat(page).hasURL(demo.url("/"));
        assertEquals(revision, String.valueOf(page.evaluate("() => arbor.getQueryData(['posts']).revision")),
                "the query cache outlives the page that filled it");
        page.goBack();
        assertThat(page.locator("#feed .feed")).hasAttribute("data-state", "ready");
        assertThat(page.locator("#feed .feed li.post")).hasCount(4);
        assertTrue(stateKept());
        assertEquals(1, documents.size());
    }

    @Test
    void notFoundShowsTheNotFoundPageWithTheUrlKeptAndAFailureLoadsTheErrorPage() {
        demo.sources.releaseAll();
        load("/");
        page.evaluate("() => arbor.navigate('/no-such-page')");
        assertThat(page.locator("#not-found")).isVisible();
        assertThat(page).hasURL(demo.url("/no-such-page"));
        assertThat(page).hasTitle("Not found · Trailhead");
        assertTrue(stateKept(), "a 404 in the site's layout is a navigation like any other");
        tab.expectErrorContaining("404");

        page.evaluate("() => arbor.navigate('/broken')");   // fails before its shell: the 500 page
        page.waitForCondition(() -> documents.size() == 2);
        assertThat(page.locator("#digest")).isVisible();
        assertThat(page).hasURL(demo.url("/broken"));
        tab.expectErrorContaining("500");
    }

    private boolean requested(String path) {
        return navigations.stream().anyMatch(request -> request.url().equals(demo.url(path)));
    }

    @Test
    void preloadModesPerElementNoneRenderAndViewport() {
        demo.sources.releaseAll();
        page.setViewportSize(800, 300);
        load("/products/alpine-tent");
        page.evaluate("() => { arbor.navigation.preloadDelay = 0;"
                + " document.querySelector('[data-arbor-nav] a[href=\"/streaming\"]').setAttribute('data-arbor-preload', 'none'); }");
        page.locator(".topbar [data-arbor-nav] a[href='/streaming']").hover();
        page.locator(".topbar [data-arbor-nav] a[href='/streaming']").focus();
        page.locator(".topbar [data-arbor-nav] a[href='/products/alpine-tent']").hover(); // the page shown: nothing to preload
        assertTrue(navigations.isEmpty(), "'none' preloads nothing: " + navigations);

        // on elements of the layouts, which navigations keep; links are looked at when a page is shown
        page.evaluate("() => { document.querySelector('[data-arbor-nav]').setAttribute('data-arbor-preload', 'render');"
                + " document.querySelector('.sidebar').setAttribute('data-arbor-preload', 'viewport'); arbor.revalidate(); }");
        page.waitForCondition(() -> requested("/"));
        assertFalse(requested("/streaming"), "'none' on the link itself wins over its nav's 'render'");
        assertFalse(requested("/products/ridge-jacket"), "the sidebar's last link is below the fold");
        page.locator(".sidebar a[href='/products/ridge-jacket']").scrollIntoViewIfNeeded();
        page.waitForCondition(() -> requested("/products/ridge-jacket"));
        assertEquals("1", navigations.get(navigations.size() - 1).headers().get("arbor-preload"));
    }

    @Test
    void aReloadKeepsTheScrollPositionThatManualScrollRestorationWouldLose() {
        demo.sources.releaseAll();
        page.setViewportSize(800, 300);
        load("/");
        page.evaluate("() => window.scrollTo(0, 350)");
        page.waitForCondition(() -> ((Number) page.evaluate("() => window.scrollY")).intValue() == 350);
        page.reload();
        page.waitForCondition(() -> ((Number) page.evaluate("() => window.scrollY")).intValue() == 350);
        assertEquals(2, documents.size());
    }

    @Test
    void revalidateResetsAnErrorBoundaryOnceItsSourceRecovers() {
        demo.sources.fail("shipping", new IllegalStateException("Shipping rates are down"));
        demo.sources.release("inventory");
        demo.sources.release("ratings");
        load("/errors");
        var shippingCard = page.locator(".card").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Shipping options"));
        assertThat(shippingCard.locator(".error-panel")).isVisible();

        demo.sources.release("shipping");              // the source recovers
        page.evaluate("() => arbor.revalidate()");      // as Next's error.tsx reset()
        assertThat(page.locator("#shipping")).isVisible();
        assertThat(shippingCard.locator(".error-panel")).hasCount(0);
        assertTrue(stateKept());
        assertEquals(1, documents.size());
    }
}

package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import java.util.List;
import dev.arbor.testing.StreamReplay;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo in a real browser (Debian's Chromium, driven by Playwright): the test holds the data
 * back, sees the fallbacks painted, releases the sources in the order it chooses and sees each
 * part swapped in, with no console or CSP errors, ending in the DOM that the blocking render gives.
 */
class BrowserTest {
    private static DemoFixture demo;
    private static Chromium chromium;

    private Chromium.Tab tab;
    private Page page;

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoFixture();
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        demo.close();
    }

    @BeforeEach
    void openPage() {
        demo.sources.reset();
        tab = chromium.newTab();
        page = tab.page;
    }

    @AfterEach
    void closePage() {
        tab.close();
    }

    /** Opens a page as soon as its shell arrives, without waiting for the stream to end. */
    private void open(String path) {
        page.navigate(demo.url(path), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
    }

    @Test
    void streamingDashboardSwapsInTableRowsAndListItemsInTheOrderTheDataArrives() {
        open("/streaming");

        assertThat(page.locator("#orders tbody tr.skeleton-row").first()).isVisible();
        assertThat(page.locator("#reviews li.skeleton-item").first()).isVisible();
        assertThat(page.locator("#kpis .kpi")).hasCount(4); // quick data, in the shell
        assertThat(page).hasTitle("Dashboard · Trailhead");

        demo.sources.release("reviews"); // the slower source first
        assertThat(page.locator("#reviews li.review")).hasCount(3);
        assertThat(page.locator("#reviews li.skeleton-item")).hasCount(0);
        assertThat(page.locator("#orders tbody tr.skeleton-row").first()).isVisible();
        assertThat(page.locator("#orders tbody tr.order")).hasCount(0);

        demo.sources.release("orders");
        assertThat(page.locator("#orders tbody tr.order")).hasCount(5);
        assertThat(page.locator("#orders tbody tr.skeleton-row")).hasCount(0);
        assertThat(page.locator("#orders tbody tr.order").first().locator("td").first()).hasText("#4821");

        assertSameDomAsTheBlockingRender("/streaming");
    }

    @Test
    void nestedBoundariesStreamInsideStreamedContent() {
        open("/nested");
        assertThat(page.locator("#product-skeleton")).isVisible();

        demo.sources.release("product");
        assertThat(page.locator("#product h2")).hasText("Alpine 2P Tent");
        assertThat(page.locator("#product-skeleton")).hasCount(0);
        assertThat(page.locator("#product .skeleton").first()).isVisible(); // the inner fallbacks
        assertThat(page.locator("#stock")).hasCount(0);
        assertThat(page.locator("#related")).hasCount(0);

        demo.sources.release("related");
        assertThat(page.locator("#related li")).hasCount(3);
        assertThat(page.locator("#stock")).hasCount(0);

        demo.sources.release("stock");
        assertThat(page.locator("#stock tr")).hasCount(3);
        assertThat(page.locator("#product .skeleton")).hasCount(0);

        assertSameDomAsTheBlockingRender("/nested");
    }

    @Test
    void innerBoundaryReadyBeforeItsParentArrivesWithIt() {
        open("/nested");
        assertThat(page.locator("#product-skeleton")).isVisible();

        demo.sources.release("stock");
        demo.sources.release("related");
        assertThat(page.locator("#product-skeleton")).isVisible();

        demo.sources.release("product");
        assertThat(page.locator("#stock tr")).hasCount(3);
        assertThat(page.locator("#related li")).hasCount(3);
        assertSameDomAsTheBlockingRender("/nested");
    }

    @Test
    void failingSourceStaysInItsErrorBoundaryWhileTheRestCompletes() {
        open("/errors");
        assertThat(page.locator("#rest")).isVisible();

        demo.sources.release("inventory"); // fails
        assertThat(page.locator("#inventory .error-panel")).isVisible();
        assertThat(page.locator("#inventory .error-digest")).containsText("Reference ");
        assertThat(page.locator("#shipping")).hasCount(0);

        demo.sources.release("shipping");
        demo.sources.release("ratings");
        assertThat(page.locator("#shipping tr")).hasCount(3);
        assertThat(page.locator("#ratings li.review")).hasCount(3);
        page.waitForLoadState(LoadState.LOAD);
        assertFalse(page.content().contains("503"), "production mode never shows the message");
        assertThat(page.locator(".error-panel")).hasCount(1);
    }

    @Test
    void pageScriptReadsTheDeferredValue() {
        open("/client-data");
        assertThat(page.locator("#forecast-chart")).hasAttribute("data-state", "waiting");
        assertThat(page.locator("#forecast-table tbody tr.skeleton-row").first()).isVisible();

        demo.sources.release("forecast");
        assertThat(page.locator("#forecast-table tbody tr")).hasCount(6);
        assertThat(page.locator("#forecast-chart")).hasAttribute("data-state", "ready");
        assertThat(page.locator("#forecast-chart .bar")).hasCount(6);
        assertThat(page.locator("#forecast-chart .bar").last()).hasAttribute("title", "W28: 230 units");
    }

    @Test
    void asyncComponentIsInTheShellWithoutAFallback() {
        demo.sources.release("announcement");
        open("/shell");
        assertThat(page.locator("#announcement")).containsText("Free express shipping");
        assertThat(page.locator("#activity")).hasCount(0);
        assertThat(page.locator(".skeleton-item").first()).isVisible();

        demo.sources.release("activity");
        assertThat(page.locator("#activity li")).hasCount(5);
    }

    @Test
    void nestedRoutesRenderInsideBothLayouts() {
        demo.sources.release("categories");
        demo.sources.release("product");
        open("/products/drift-bag");
        assertThat(page).hasTitle("Drift -5 °C Sleeping Bag · Trailhead");
        assertThat(page.locator(".app .shop .sidebar nav a").first()).isVisible();
        assertThat(page.locator("#product h1")).hasText("Drift -5 °C Sleeping Bag");

        demo.sources.release("product-reviews");
        assertThat(page.locator("#product-reviews li")).hasCount(2);
    }

    /** After the stream ends, the browser's DOM equals the complete document of the same page. */
    private void assertSameDomAsTheBlockingRender(String path) {
        page.waitForLoadState(LoadState.LOAD);
        String streamed = page.content();
        String blocking = page.request().get(demo.url(path + "?arbor-render=document")).text();
        assertFalse(blocking.contains("<template"), "the blocking render has no instructions");
        assertEquals(normalizedBody(blocking), normalizedBody(streamed));
    }

    private static String normalizedBody(String html) {
        Document doc = StreamReplay.settle(html); // Arbor's data scripts remove themselves in a browser
        removeComments(doc);
        // Browsers hide a nonce from the DOM, and each request has its own.
        doc.select("[nonce]").removeAttr("nonce");
        return doc.body().outerHtml();
    }

    private static void removeComments(Node node) {
        for (Node child : List.copyOf(node.childNodes())) {
            if (child instanceof Comment) {
                child.remove();
            } else if (child instanceof Element) {
                removeComments(child);
            }
        }
    }
}

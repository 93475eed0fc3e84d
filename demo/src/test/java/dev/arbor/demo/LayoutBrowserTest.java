package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.LoadState;
import dev.arbor.demo.pages.IndexPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every demo page on a 390 px phone and a 1280 px desktop, with all data in: nothing wider than
 * the screen, the whole header on it, no table cut off by its card, one {@code <h1>} a page.
 */
class LayoutBrowserTest {
    private static DemoFixture demo;
    private static Chromium chromium;

    /** True when some table reaches past an ancestor that hides overflow, with no scroller between them. */
    private static final String CLIPPED_TABLES = String.join("\n",
            "() => Array.from(document.querySelectorAll('table')).filter(table => {",
            "  const right = table.getBoundingClientRect().right;",
            "  for (let e = table.parentElement; e && e !== document.body; e = e.parentElement) {",
            "    const overflow = getComputedStyle(e).overflowX;",
            "    if (overflow === 'auto' || overflow === 'scroll') return false;",
            "    if ((overflow === 'hidden' || overflow === 'clip') && right > e.getBoundingClientRect().right + 0.5) return true;",
            "  }",
            "  return false;",
            "}).map(table => table.id || table.outerHTML.slice(0, 60))");

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoFixture();
        demo.sources.releaseAll();
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        demo.close();
    }

    /** Examples that answer with an error status, which Chromium logs as a console error. */
    static final java.util.Set<String> ERROR_STATUS = java.util.Set.of("/products/unicorn", "/no-such-page", "/broken");

    /** The index and every example it links. */
    static List<String> pages() {
        List<String> paths = new ArrayList<>(List.of("/"));
        IndexPage.EXAMPLES.forEach(example -> paths.add(example.path()));
        return paths;
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void everyPageFitsTheScreen(int width) {
        try (Chromium.Tab tab = chromium.newTab(new Browser.NewContextOptions().setViewportSize(width, 800))) {
            Page page = tab.page;
            for (String path : pages()) {
                page.navigate(demo.url(path));
                page.waitForLoadState(LoadState.LOAD);
                if (ERROR_STATUS.contains(path)) {
                    tab.expectErrorContaining("the server responded with a status of");
                }
                String where = path + " at " + width + " px";

                Number scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
                assertTrue(scrollWidth.intValue() <= width, where + ": the page is " + scrollWidth + " px wide");
                Locator links = page.locator("header.topbar a");
                assertEquals(4, links.count(), where);
                for (int i = 0; i < links.count(); i++) {
                    BoundingBox box = links.nth(i).boundingBox();
                    assertTrue(box.x >= 0 && box.x + box.width <= width,
                            where + ": header link " + links.nth(i).textContent() + " reaches " + (box.x + box.width));
                }
                assertEquals(List.of(), page.evaluate(CLIPPED_TABLES), where + ": tables cut off");
                assertThat(page.locator("h1")).hasCount(1);
            }
        }
    }

    @Test
    void theOrdersTableScrollsSidewaysOnAPhoneSoEveryColumnCanBeReached() {
        try (Chromium.Tab tab = chromium.newTab(new Browser.NewContextOptions().setViewportSize(390, 800))) {
            Page page = tab.page;
            page.navigate(demo.url("/streaming"));
            Locator status = page.locator("#orders tbody tr.order").first().locator("td").last();
            status.scrollIntoViewIfNeeded();
            BoundingBox box = status.boundingBox();
            assertTrue(box.x >= 0 && box.x + box.width <= 390, "the status column, scrolled to, is on the screen");
            assertThat(status).isVisible();
        }
    }
}

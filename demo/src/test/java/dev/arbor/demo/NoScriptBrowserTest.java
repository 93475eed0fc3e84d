package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chromium with JavaScript disabled, at 390 px and 1280 px: a streamed page's content sits in
 * templates that only script can show, so every page sends such a browser to its complete
 * document, where it finds the whole content rendered on the server, islands' data included.
 */
class NoScriptBrowserTest {
    /** Pages that answer with a complete document already: nothing to be sent to. */
    private static final Set<String> COMPLETE = Set.of("/broken", "/streaming?arbor-render=document");

    private static DemoFixture demo;
    private static Chromium chromium;

    private Chromium.Tab tab;
    private Page page;

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

    @AfterEach
    void closePage() {
        if (tab != null) {
            tab.close();
        }
    }

    private void openWithoutScript(int width) {
        tab = chromium.newTab(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(width, 800));
        page = tab.page;
    }

    /** Opens {@code path} as a browser without script does, following the page's refresh. */
    private void open(String path) {
        page.navigate(demo.url(path));
        if (!COMPLETE.contains(path)) {
            page.waitForURL(url -> url.contains("arbor-render=document"));
        }
        page.waitForLoadState(LoadState.LOAD);
        if (LayoutBrowserTest.ERROR_STATUS.contains(path)) {
            tab.expectErrorContaining("the server responded with a status of");
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void everyDemoPageShowsItsWholeContentWithoutJavaScript(int width) {
        openWithoutScript(width);
        for (String path : LayoutBrowserTest.pages()) {
            open(path);
            String where = path + " at " + width + " px";
            assertThat(page.locator("template")).hasCount(0);
            assertEquals(0, page.locator(".skeleton:visible, [aria-busy=true]:visible").count(),
                    where + ": a skeleton is left");
            assertThat(page.locator("h1")).hasCount(1);
            assertTrue(page.locator("main").innerText().length() > 40, where);
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void streamedSectionsAndIslandsAreThereRenderedOnTheServer(int width) {
        openWithoutScript(width);
        open("/streaming?slow=5&slower=9");
        assertTrue(page.url().endsWith("/streaming?slow=5&slower=9&arbor-render=document"), page.url());
        assertThat(page.locator("#orders tbody tr.order")).hasCount(5);
        assertThat(page.locator("#reviews li.review")).hasCount(3);

        open("/posts");
        assertThat(page.locator("#feed li.post")).hasCount(4);
        assertThat(page.locator(".comments-island li.comment")).hasCount(3);
        assertThat(page.locator(".comments-island .comment-count")).hasText("3");
        assertThat(page.locator(".stats-strip .stats-body")).containsText("unavailable right now (reference ");
        assertThat(page.locator("#feed button.refresh")).isDisabled(); // it needs script

        open("/products/alpine-tent");
        assertThat(page.locator("#product h1")).hasText("Alpine 2P Tent");
        assertFalse(page.locator("#product-reviews li").count() == 0, "the reviews are there");
    }
}

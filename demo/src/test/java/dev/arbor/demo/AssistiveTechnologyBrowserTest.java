package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.errorBoundary;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.html;
import static j2html.TagCreator.input;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitUntilState;
import dev.arbor.Renderer;
import dev.arbor.testing.RecordingSink;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What assistive technology and keyboard users get from a streamed page, in Chromium: a region
 * waiting for its content marks its parent {@code aria-busy} until the content arrives, and keyboard
 * focus survives the swaps.
 */
class AssistiveTechnologyBrowserTest {
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

    @Test
    void waitingRegionsMarkTheirParentsBusyUntilTheirContentArrives() {
        // table rows and list items waiting, one inside an error boundary, streamed chunk by chunk
        // into Chromium's parser: the runtime comes at the end of the shell and marks them at once
        CompletableFuture<String> rows = new CompletableFuture<>();
        CompletableFuture<String> items = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        Renderer.create().stream(html(body(
                div(errorBoundary(e -> p("failed"),
                        table(tbody(suspense(tr(td("…")), async(rows, s -> tr(td(s)))))).withId("rows")))
                        .withId("card"),
                ul(suspense(li("…"), async(items, s -> li(s)))).withId("items"))), sink);
        write(sink.chunks().get(0), true);
        assertThat(page.locator("#rows tbody")).hasAttribute("aria-busy", "true");
        assertThat(page.locator("#items")).hasAttribute("aria-busy", "true");
        // the error boundary's region waits for nothing itself: its parent is not busy
        assertThat(page.locator("#card")).not().hasAttribute("aria-busy", "true");

        items.complete("item");
        write(sink.chunks().get(1), false);
        assertThat(page.locator("#items li")).hasText("item");
        assertThat(page.locator("#items")).not().hasAttribute("aria-busy", "true");
        assertThat(page.locator("#rows tbody")).hasAttribute("aria-busy", "true");

        rows.complete("row");
        write(sink.chunks().get(2), false);
        assertThat(page.locator("#rows td")).hasText("row");
        assertThat(page.locator("[aria-busy]")).hasCount(0);
    }

    @Test
    void regionsStillWaitingOnTheDemoAreBusyUntilTheirContentArrives() {
        page.navigate(demo.url("/streaming"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
        assertThat(page.locator("#orders tbody tr.skeleton-row").first()).isVisible();
        // from the shell on, although the runtime in the head ran before these regions existed
        assertThat(page.locator("#orders tbody")).hasAttribute("aria-busy", "true");
        assertThat(page.locator("#reviews")).hasAttribute("aria-busy", "true");

        demo.sources.release("reviews");
        assertThat(page.locator("#reviews li.review")).hasCount(3);
        assertThat(page.locator("#reviews")).not().hasAttribute("aria-busy", "true");
        assertThat(page.locator("#orders tbody")).hasAttribute("aria-busy", "true");
        assertThat(page.locator("[aria-busy]:has(#orders)")).hasCount(0); // its error boundary's card

        demo.sources.release("orders");
        assertThat(page.locator("#orders tbody tr.order")).hasCount(5);
        assertThat(page.locator("#orders tbody")).not().hasAttribute("aria-busy", "true");
    }

    @Test
    void focusOutsideTheSwappedRegionsStaysWhereItIs() {
        page.navigate(demo.url("/streaming"), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
        assertThat(page.locator("#reviews li.skeleton-item").first()).isVisible();
        page.locator("header a").first().focus();
        String focused = (String) page.evaluate("document.activeElement.outerHTML");

        demo.sources.releaseAll();
        assertThat(page.locator("#reviews li.review")).hasCount(3);
        assertThat(page.locator("#orders tbody tr.order")).hasCount(5);
        assertEquals(focused, page.evaluate("document.activeElement.outerHTML"));
    }

    @Test
    void focusInsideASwappedRegionMovesToTheFirstFocusableElementOfItsContent() {
        // a fallback with a control in it, streamed chunk by chunk into Chromium's parser
        CompletableFuture<String> data = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        Renderer.create().stream(html(body(
                input().withId("search"),
                div(suspense(button("Cancel").withId("cancel"),
                        async(data, s -> div(p(s), a("Open").withHref("#open").withId("open"))))))), sink);
        write(sink.chunks().get(0), true);
        page.locator("#cancel").focus();
        assertEquals("cancel", page.evaluate("document.activeElement.id"));

        data.complete("Ready");
        write(sink.chunks().get(1), false);
        assertThat(page.locator("#open")).isVisible();
        assertEquals("open", page.evaluate("document.activeElement.id"));
    }

    /**
     * Hands a chunk to Chromium's HTML parser as the network would: document.write into an open
     * document parses it, scripts included, and leaves the document open for the next chunk.
     */
    private void write(String chunk, boolean first) {
        if (first) {
            page.navigate("about:blank");
            page.evaluate("html => { document.open(); document.write(html); }", chunk);
        } else {
            page.evaluate("html => document.write(html)", chunk);
        }
    }
}

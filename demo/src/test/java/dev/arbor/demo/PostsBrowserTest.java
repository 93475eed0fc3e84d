package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /posts} in a real browser: islands read the hydrated query cache without a request,
 * refetch through {@code /_arbor/query}, mount inside streamed content and see pending queries'
 * results (and errors) as they stream. The test releases each source by hand.
 */
class PostsBrowserTest {
    private static DemoFixture demo;
    private static Chromium chromium;

    private Chromium.Tab tab;
    private Page page;
    /** Every request to the query endpoint, as "METHOD url". */
    private final List<String> queryRequests = new CopyOnWriteArrayList<>();

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
        page.onRequest((Request request) -> {
            if (request.url().contains("/_arbor/query")) {
                queryRequests.add(request.method() + " " + URLDecoder.decode(request.url(), StandardCharsets.UTF_8));
            }
        });
    }

    @AfterEach
    void closePage() {
        tab.close();
    }

    /** Opens a page as soon as its shell arrives, without waiting for the stream to end. */
    private void open(String path) {
        page.navigate(demo.url(path), new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
    }

    private Locator feed() {
        return page.locator("#feed .feed");
    }

    @Test
    void feedIslandListsThePostsFromTheHydratedCacheWithoutARequest() {
        open("/posts");
        assertThat(page.locator("#feed li.skeleton-item").first()).isVisible();
        assertThat(feed()).hasCount(0);

        demo.sources.release("posts"); // the feed and its dehydrated query stream in together
        assertThat(feed()).hasAttribute("data-state", "ready");
        assertThat(feed().locator("li.post")).hasCount(4);
        assertThat(feed().locator("button.refresh")).isEnabled();
        String revision = feed().getAttribute("data-revision");
        assertEquals(revision, String.valueOf(page.evaluate("arbor.getQueryData(['posts']).revision")));
        assertThat(feed().locator(".feed-meta")).hasText(Pattern.compile("^Revision " + revision + " · "));

        demo.sources.releaseAll(); // let the stream end: still no request
        page.waitForLoadState(LoadState.LOAD);
        assertThat(page.locator(".comments-island")).hasAttribute("data-state", "ready");
        assertEquals(List.of(), queryRequests);
    }

    @Test
    void feedReadyBeforeTheShellIsHydratedFromTheShell() {
        demo.sources.release("posts");
        open("/posts");
        assertThat(feed()).hasAttribute("data-state", "ready");
        assertThat(feed().locator("li.post")).hasCount(4);
        assertThat(page.locator("#feed li.skeleton-item")).hasCount(0);
        assertEquals(List.of(), queryRequests);
    }

    @Test
    void refreshRefetchesThroughTheEndpointOnceAndShowsTheNewerFeed() {
        demo.sources.release("posts");
        open("/posts");
        assertThat(feed()).hasAttribute("data-state", "ready");
        int revision = Integer.parseInt(feed().getAttribute("data-revision"));
        String firstLikes = feed().locator("li.post .post-meta").first().textContent();
        assertEquals(List.of(), queryRequests);

        feed().locator("button.refresh").click();

        assertThat(feed()).hasAttribute("data-revision", String.valueOf(revision + 1));
        assertThat(feed()).hasAttribute("data-state", "ready");
        assertThat(feed().locator(".feed-meta")).hasText(
                Pattern.compile("^Revision " + (revision + 1) + " · fetched at \\d\\d:\\d\\d:\\d\\d$"));
        assertThat(feed().locator("li.post")).hasCount(4);
        assertFalse(firstLikes.equals(feed().locator("li.post .post-meta").first().textContent()),
                "the newer feed has more likes");
        assertEquals(revision + 1, ((Number) page.evaluate("arbor.getQueryData(['posts']).revision")).intValue());
        assertThat(feed().locator("button.refresh")).isEnabled();
        assertEquals(List.of("GET " + demo.url("/_arbor/query?key=[\"posts\"]")), queryRequests);
    }

    @Test
    void refreshFromTheKeyboardKeepsTheFocusOnTheButton() {
        demo.sources.release("posts");
        open("/posts");
        assertThat(feed()).hasAttribute("data-state", "ready");
        int revision = Integer.parseInt(feed().getAttribute("data-revision"));
        Locator refresh = feed().locator("button.refresh");
        refresh.focus();

        page.keyboard().press("Enter");

        assertThat(feed()).hasAttribute("data-revision", String.valueOf(revision + 1));
        assertThat(feed()).hasAttribute("data-state", "ready");
        assertThat(refresh).isFocused();
        assertThat(refresh).not().hasAttribute("aria-disabled", "true");
        page.keyboard().press("Enter"); // and it works again from where the focus is
        assertThat(feed()).hasAttribute("data-revision", String.valueOf(revision + 2));
        assertThat(refresh).isFocused();
    }

    @Test
    void refetchedDataReplacesDataTheClientSetItselfEvenWhenItsTimestampIsNewer() {
        demo.sources.release("posts");
        open("/posts");
        assertThat(feed()).hasAttribute("data-state", "ready");
        int revision = Integer.parseInt(feed().getAttribute("data-revision"));
        // stamped by a browser clock that runs ahead of the server's (here: in 2100)
        page.evaluate("Date.now = () => 4102444800000;"
                + "arbor.setQueryData(['posts'], Object.assign({}, arbor.getQueryData(['posts']), {revision: -1}))");

        feed().locator("button.refresh").click();

        assertThat(feed()).hasAttribute("data-revision", String.valueOf(revision + 1));
        assertEquals(revision + 1, ((Number) page.evaluate("arbor.getQueryData(['posts']).revision")).intValue(),
                "what the endpoint answered is what the cache holds");
    }

    @Test
    void commentsIslandStreamsInsideTheStreamedThreadWithTheQuerysDataRenderedOnTheServer() {
        demo.sources.release("posts");
        open("/posts");
        assertThat(page.locator("#thread-skeleton")).isVisible();
        assertThat(page.locator(".comments-island")).hasCount(0);

        demo.sources.release("thread"); // the boundary streams in; its comments are still pending
        assertThat(page.locator("#thread h2")).hasText("Three nights on the Haute Route");
        assertThat(page.locator("#thread-skeleton")).hasCount(0);
        Locator comments = page.locator(".comments-island");
        assertThat(comments).hasAttribute("data-state", "server"); // the island's fallback
        assertThat(comments.locator("li.skeleton-item").first()).isVisible();

        demo.sources.release("comments"); // the query's result and the island stream in
        assertThat(comments).hasAttribute("data-state", "ready");
        assertThat(comments.locator("li.comment")).hasCount(3);
        assertThat(comments.locator("li.comment").first()).containsText("The Chanrion hut dinner");
        assertThat(comments.locator(".comment-count")).hasText("3");
        assertThat(comments.locator("li.skeleton-item")).hasCount(0);
        assertEquals(List.of(), queryRequests);
    }

    @Test
    void commentsThatArriveBeforeTheirIslandAreReadFromTheCacheWhenItMounts() {
        demo.sources.release("posts");
        open("/posts");
        assertThat(page.locator("#thread-skeleton")).isVisible();

        demo.sources.release("comments"); // data first, while the thread's fallback still shows
        // waitForFunction polls through eval, which the page's strict CSP forbids; evaluate does not
        page.waitForCondition(() -> Boolean.TRUE.equals(
                page.evaluate("(arbor.getQueryData(['comments', 1]) || []).length === 3")));
        assertThat(page.locator("#thread-skeleton")).isVisible();
        assertThat(page.locator(".comments-island")).hasCount(0);

        demo.sources.release("thread");
        Locator comments = page.locator(".comments-island");
        assertThat(comments).hasAttribute("data-state", "ready");
        assertThat(comments.locator("li.comment")).hasCount(3);
        assertEquals(List.of(), queryRequests);
    }

    @Test
    void queryWhoseStreamedResultIsAnErrorRejectsWithTheDigestOnly() {
        demo.sources.release("posts");
        open("/posts");
        Locator stats = page.locator(".stats-strip");
        assertThat(stats).hasAttribute("data-state", "server");
        assertThat(stats.locator(".stats-skeleton")).isVisible();

        demo.sources.release("stats"); // the source fails
        assertThat(stats).hasAttribute("data-state", "failed");
        String digest = stats.getAttribute("data-digest");
        assertTrue(digest.matches("[0-9a-z]+"), digest);
        assertThat(stats.locator(".stats-body")).hasText("unavailable right now (reference " + digest + ").");

        Object rejection = page.evaluate("arbor.query(['stats']).then("
                + "() => 'resolved', e => e.message + '|' + e.digest + '|' + (e instanceof Error))");
        assertEquals("redacted|" + digest + "|true", rejection);

        demo.sources.releaseAll();
        page.waitForLoadState(LoadState.LOAD);
        assertFalse(page.content().contains("analytics-db-7"), "production mode never sends the message");
        assertEquals(List.of(), queryRequests);
    }

    @Test
    void aQueryThePageNeverSentIsFetchedOnceThroughTheEndpointWhenTheDocumentIsComplete() {
        demo.sources.releaseAll();
        open("/posts");
        page.waitForLoadState(LoadState.LOAD);
        assertEquals(List.of(), queryRequests);

        Object author = page.evaluate("arbor.query(['comments', 2]).then(list => list[0].author)");
        assertEquals("Rui", author, "a registered query the page did not send (post 2's comments): fetched now");
        assertEquals(List.of("GET " + demo.url("/_arbor/query?key=[\"comments\",2]")), queryRequests);

        Object rejection = page.evaluate("arbor.query(['secrets']).then(() => 'resolved', e => e.message)");
        assertTrue(String.valueOf(rejection).contains("No query is registered"), String.valueOf(rejection));
        tab.expectErrorContaining("404"); // the browser logs the refused request itself
    }

    @Test
    void indexLinksThePostsPage() {
        open("/");
        Locator example = page.locator("#examples a.example[href='/posts']");
        assertThat(example.locator("h3")).hasText("Query cache and islands");
        example.click();
        demo.sources.releaseAll();
        assertThat(feed()).hasAttribute("data-state", "ready");
        assertEquals(List.of(), queryRequests);
    }
}

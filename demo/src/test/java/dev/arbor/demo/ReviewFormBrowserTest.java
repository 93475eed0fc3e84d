package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product page's review form in Chromium, as a plain {@code <form method="post">}: with
 * JavaScript off, a review posts (303, then the page shows it) and a form with mistakes comes back
 * 422, filled in, its errors announced and linked. With JavaScript on, the runtime posts the form
 * itself: one request, answered with the page in frames (single flight), no document load; the count
 * island counts the review at once and reads the server's count from the answer, or takes its guess
 * back when the post fails; a double click posts once.
 */
class ReviewFormBrowserTest {
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

    private void open(boolean javaScript, String path) {
        tab = chromium.newTab(new Browser.NewContextOptions().setJavaScriptEnabled(javaScript));
        page = tab.page;
        page.navigate(demo.url(path));
        if (!javaScript) {
            page.waitForURL(url -> url.contains("arbor-render=document")); // the complete document
        }
    }

    /** Submits the form and returns the answer to its POST (before any redirect is followed). */
    private Response submit() {
        Response[] post = new Response[1];
        page.onResponse(response -> {
            if (response.request().method().equals("POST")) {
                post[0] = response;
            }
        });
        page.waitForResponse(response -> response.request().method().equals("POST"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post review")).click());
        page.waitForLoadState();
        return post[0];
    }

    @Test
    void withoutJavaScriptAReviewPostsAndTheNextPageShowsIt() {
        open(false, "/products/ember-stove");
        assertThat(page.locator(".review-count")).hasText("2 reviews");

        page.getByLabel("Your name").fill("Ada");
        page.getByLabel("Stars").selectOption("4");
        page.getByLabel("Your review").fill("Boils fast, even at altitude.");
        Response answer = submit();

        assertEquals(303, answer.status());
        page.waitForURL(url -> url.contains("arbor-render=document"));
        assertThat(page.locator("#product-reviews li").first()).containsText("Boils fast, even at altitude.");
        assertThat(page.locator("#product-reviews li").first()).containsText("Ada");
        assertThat(page.locator(".review-count")).hasText("3 reviews");
    }

    @Test
    void withoutJavaScriptAFormWithMistakesComesBackFilledInWithItsErrors() {
        open(false, "/products/summit-pack");
        page.getByLabel("Your name").fill("   ");
        page.getByLabel("Your review").fill("ok");
        Response answer = submit();

        assertEquals(422, answer.status());
        tab.expectErrorContaining("the server responded with a status of 422");
        assertThat(page.locator(".error-summary")).isVisible();
        assertThat(page.locator(".error-summary")).isFocused(); // announced: role=alert, and focused
        assertThat(page.locator(".error-summary a")).hasCount(2);
        assertThat(page.locator(".error-summary a").first()).hasAttribute("href", "#field-author");
        assertThat(page.getByLabel("Your name")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Your name")).hasAttribute("aria-describedby", "field-author-error");
        assertThat(page.locator("#field-author-error")).hasText("Enter your name (up to 40 characters).");
        assertThat(page.getByLabel("Your review")).hasValue("ok"); // what the user typed is kept
        assertThat(page.getByLabel("Stars")).not().hasAttribute("aria-invalid", "true");
        // the streamed sections are there too: the whole document, nothing waiting
        assertThat(page.locator("#product-reviews li")).hasCount(2);
        assertThat(page.locator("template")).hasCount(0);

        // fixed, it posts
        page.getByLabel("Your name").fill("Grace");
        page.getByLabel("Your review").fill("Carries a week of food.");
        assertEquals(303, submit().status());
        page.waitForURL(url -> url.contains("arbor-render=document"));
        assertThat(page.locator("#product-reviews li").first()).containsText("Carries a week of food.");
    }

    // ---- with JavaScript: the runtime posts the form, and the answer streams in (single flight) ----

    /** Every request the page makes from now on: method, path, and whether it loads a document. */
    private List<String> requests() {
        List<String> requests = new CopyOnWriteArrayList<>();
        page.onRequest(request -> requests.add(request.method() + " " + URI.create(request.url()).getPath()
                + (request.isNavigationRequest() ? " (document)" : "")));
        return requests;
    }

    /** Holds the page's next POST until the test lets it go: what the user sees meanwhile is testable. */
    private List<Route> holdPosts(String path) {
        List<Route> held = new CopyOnWriteArrayList<>();
        page.route("**" + path, route -> {
            if (route.request().method().equals("POST")) {
                held.add(route);
            } else {
                route.resume();
            }
        });
        return held;
    }

    private void clickPost() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post review")).click();
    }

    @Test
    void withJavaScriptAReviewPostsInOneRequestAndThePageUpdatesInPlace() {
        open(true, "/products/drift-bag");
        assertThat(page.locator(".review-count")).hasAttribute("data-state", "cache");
        assertThat(page.locator(".review-count")).hasText("2 reviews");
        assertThat(page.locator(".posted-count")).hasAttribute("data-state", "cache");
        String posted = page.locator(".posted-count").textContent();
        int before = Integer.parseInt(posted.substring(0, posted.indexOf(' ')));
        // the shop's sidebar is kept: marked, it must be the same element after the answer
        page.evaluate("() => { window.sameDocument = true; document.querySelector('.posted-count').kept = true; }");
        List<String> requests = requests();

        page.getByLabel("Your name").fill("Lin");
        page.getByLabel("Your review").fill("Warm and light.");
        clickPost();

        assertThat(page.locator("#product-reviews li").first()).containsText("Warm and light.");
        assertThat(page.locator(".review-count")).hasText("3 reviews"); // the island, from the response's query state
        assertThat(page.locator(".review-count")).hasAttribute("data-state", "cache");
        // the kept layout's island, from the invalidated query the host ran again for this response
        assertThat(page.locator(".posted-count")).hasText((before + 1) + " posted by customers");
        assertEquals(true, page.evaluate("() => document.querySelector('.posted-count').kept"), "the layout was kept");
        assertEquals(true, page.evaluate("() => window.sameDocument"), "no document load");
        // one request for the mutation and its page: the POST, answered with the page's frames
        assertEquals(List.of("POST /products/drift-bag"),
                requests.stream().filter(r -> r.contains("/products/")).collect(Collectors.toList()), requests.toString());
        assertFalse(requests.stream().anyMatch(r -> r.endsWith("(document)")), requests.toString());
        // the address is where the action led (#reviews), and the page is announced, with focus there
        assertTrue(page.url().endsWith("/products/drift-bag#reviews"), page.url());
        assertThat(page.locator("[data-arbor-announcer]")).hasText(page.title());
        assertThat(page.locator("#reviews")).isFocused();
        assertThat(page.locator("#review-form")).not().hasAttribute("aria-busy", "true");
        assertThat(page.getByLabel("Your review")).hasValue(""); // a fresh form
    }

    @Test
    void aDoubleClickSendsOneRequestAndTheFormIsBusyUntilTheAnswer() {
        open(true, "/products/ridge-jacket");
        List<Route> held = holdPosts("/products/ridge-jacket");
        page.getByLabel("Your name").fill("Sam");
        page.getByLabel("Your review").fill("Kept me dry on the ridge.");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post review")).dblclick();
        page.waitForCondition(() -> held.size() == 1);
        assertThat(page.locator("#review-form")).hasAttribute("aria-busy", "true");
        assertThat(page.locator("#review-form button[type=submit]")).hasAttribute("aria-disabled", "true");
        assertThat(page.locator(".review-count")).hasText("3 reviews"); // counted at once: optimistic
        // a third time, still in flight (forced: Playwright, like assistive technology, sees it disabled)
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post review"))
                .click(new Locator.ClickOptions().setForce(true));
        assertEquals(1, held.size());

        held.get(0).resume();
        assertThat(page.locator("#product-reviews li").first()).containsText("Kept me dry on the ridge.");
        assertThat(page.locator(".review-count")).hasText("3 reviews");
        assertThat(page.locator("#product-reviews li")).hasCount(3); // posted once
        assertEquals(1, held.size());
    }

    @Test
    void withJavaScriptAFormWithMistakesComesBackInPlaceAndItsGuessIsTakenBack() {
        open(true, "/products/alpine-tent");
        List<Route> held = holdPosts("/products/alpine-tent");
        page.evaluate("() => window.sameDocument = true");
        List<String> requests = requests();
        page.getByLabel("Your name").fill("   ");
        page.getByLabel("Your review").fill("ok");
        clickPost();
        page.waitForCondition(() -> held.size() == 1);
        assertThat(page.locator(".review-count")).hasText("3 reviews"); // the guess

        held.get(0).resume();
        assertThat(page.locator(".error-summary")).isFocused(); // role=alert, focused: announced
        tab.expectErrorContaining("the server responded with a status of 422");
        assertThat(page.locator(".error-summary a")).hasCount(2);
        assertThat(page.getByLabel("Your name")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Your review")).hasValue("ok"); // what the user typed is kept
        assertThat(page.locator(".review-count")).hasText("2 reviews");
        assertTrue(page.url().endsWith("/products/alpine-tent"), "the address stays: " + page.url());
        assertEquals(true, page.evaluate("() => window.sameDocument"), "no document load");
        assertEquals(List.of("POST /products/alpine-tent"),
                requests.stream().filter(r -> r.contains("/products/")).collect(Collectors.toList()), requests.toString());

        // fixed, it posts, in place again
        page.getByLabel("Your name").fill("Kim");
        page.getByLabel("Your review").fill("Pitched it in the dark.");
        clickPost();
        page.waitForCondition(() -> held.size() == 2);
        held.get(1).resume();
        assertThat(page.locator("#product-reviews li").first()).containsText("Pitched it in the dark.");
        assertThat(page.locator(".error-summary")).hasCount(0);
    }

    @Test
    void aLinkClickedWhileAFormIsInFlightAbortsItsPost() {
        open(true, "/products/ember-stove");
        List<Route> held = holdPosts("/products/ember-stove");
        List<String> failed = new CopyOnWriteArrayList<>();
        page.onRequestFailed(request -> failed.add(request.method() + " " + request.failure()));
        page.getByLabel("Your name").fill("Ray");
        page.getByLabel("Your review").fill("Superseded before its answer.");
        clickPost();
        page.waitForCondition(() -> held.size() == 1);

        page.locator(".sidebar a", new Page.LocatorOptions().setHasText("Ridge Shell Jacket")).click();
        assertThat(page.locator("h1")).hasText("Ridge Shell Jacket");
        // the runtime aborted the superseded post: its answer can never land on this page
        page.waitForCondition(() -> failed.contains("POST net::ERR_ABORTED"));
        assertTrue(page.url().endsWith("/products/ridge-jacket"), page.url());
        assertFalse((Boolean) page.evaluate("() => document.documentElement.hasAttribute('data-arbor-pending')"));
    }

    @Test
    void aPostTheNetworkLosesTakesItsGuessBackAndKeepsTheForm() {
        open(true, "/products/summit-pack");
        List<Route> held = holdPosts("/products/summit-pack");
        String before = page.locator(".review-count").textContent();
        page.getByLabel("Your name").fill("Noor");
        page.getByLabel("Your review").fill("Lost in the tunnel.");
        clickPost();
        page.waitForCondition(() -> held.size() == 1);
        assertThat(page.locator(".review-count")).not().hasText(before); // the guess

        held.get(0).abort("connectionreset");
        assertThat(page.locator(".review-count")).hasText(before); // taken back
        assertThat(page.locator("[data-arbor-announcer]")).containsText("could not be sent");
        assertThat(page.getByLabel("Your review")).hasValue("Lost in the tunnel.");
        assertThat(page.locator("#review-form")).not().hasAttribute("aria-busy", "true");
        tab.expectErrorContaining("net::ERR_CONNECTION_RESET");

        // sent again, with a double click: one post still
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post review")).dblclick();
        page.waitForCondition(() -> held.size() == 2);
        assertThat(page.locator("#review-form")).hasAttribute("aria-busy", "true");
        held.get(1).resume();
        assertThat(page.locator("#product-reviews li").first()).containsText("Lost in the tunnel.");
        assertThat(page.locator("#product-reviews li", new Page.LocatorOptions().setHasText("Lost in the tunnel.")))
                .hasCount(1);
        assertEquals(2, held.size());
    }

    @Test
    void onA390PxPhoneTheAnswerInPlaceFitsTheScreen() {
        tab = chromium.newTab(new Browser.NewContextOptions().setViewportSize(390, 800));
        page = tab.page;
        page.navigate(demo.url("/products/ridge-jacket"));
        page.getByLabel("Your name").fill("");
        page.getByLabel("Your review").fill("no");
        clickPost();

        assertThat(page.locator(".error-summary")).isFocused();
        tab.expectErrorContaining("the server responded with a status of 422");
        assertTrue((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= 390"),
                "nothing wider than the phone: " + page.evaluate("() => document.documentElement.scrollWidth"));
        var summary = page.locator(".error-summary").boundingBox();
        assertTrue(summary.x >= 0 && summary.x + summary.width <= 390, "the summary is on the screen");
        var posted = page.locator(".posted-count").boundingBox();
        assertTrue(posted.x >= 0 && posted.x + posted.width <= 390, "the sidebar's count is on the screen");
        // (a valid post is not made here: the other tests count this product's reviews)
    }

    @Test
    void aRefusedFormIsShownAsTheBrowserWouldShowIt() {
        open(true, "/products/alpine-tent");
        page.evaluate("() => document.querySelector('#review-form [name=_csrf]').value = 'forged'");
        page.getByLabel("Your name").fill("Mallory");
        page.getByLabel("Your review").fill("Posted with a forged token.");
        clickPost();

        assertThat(page.locator("pre")).containsText("Forbidden: this form was refused");
        assertThat(page).hasTitle("403 Forbidden");
        assertTrue(page.url().endsWith("/products/alpine-tent"), page.url());
        assertThat(page.locator("[data-arbor-announcer]")).hasText("403 Forbidden");
        assertFalse((Boolean) page.evaluate("() => document.documentElement.hasAttribute('data-arbor-pending')"));
        tab.expectErrorContaining("the server responded with a status of 403");
    }
}

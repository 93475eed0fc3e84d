package dev.arbor.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product page's review form in Chromium, as a plain {@code <form method="post">}: with
 * JavaScript off, a review posts (303, then the page shows it) and a form with mistakes comes back
 * 422, filled in, its errors announced and linked; with JavaScript on, the same, and the count
 * island reads the new count from the query cache.
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

    @Test
    void withJavaScriptTheFormPostsAndTheCountIslandReadsTheCache() {
        open(true, "/products/drift-bag");
        assertThat(page.locator(".review-count")).hasAttribute("data-state", "cache");
        assertThat(page.locator(".review-count")).hasText("2 reviews");

        page.getByLabel("Your name").fill("Lin");
        page.getByLabel("Your review").fill("Warm and light.");
        assertEquals(303, submit().status());

        assertThat(page.locator("#product-reviews li").first()).containsText("Warm and light.");
        assertThat(page.locator(".review-count")).hasAttribute("data-state", "cache");
        assertThat(page.locator(".review-count")).hasText("3 reviews");
    }
}

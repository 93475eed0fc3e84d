package dev.arbor.vertx;

import static j2html.TagCreator.button;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Renderer;
import dev.arbor.query.QueryKey;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Actions served by a {@link PageTester}: no socket, the same checks and answers as a server. */
class PageTesterActionTest {
    private final ArborHost host = ArborHost.builder(Renderer.builder().scheduler((delay, task) -> () -> { }).build())
            .csrfSecret("a secret of thirty-two bytes, at least".getBytes(StandardCharsets.UTF_8)).build();
    private final PageTester tester = PageTester.of(host);
    private final CompletableFuture<ActionResult> saved = new CompletableFuture<>();

    private final Page<Void> page = Page.of(req -> main(Forms.form(req, "/subscribe",
            Forms.input(req, "email", "Email", "email"), button("Subscribe").withType("submit"))));
    private final Action subscribe = req -> {
        String email = req.form().get("email", "");
        if (!email.contains("@")) {
            return CompletableFuture.completedFuture(
                    ActionResult.invalid(req.form(), Map.of("email", "Enter an email address.")));
        }
        return saved;
    };

    private static FormData form(String email) {
        return FormData.of(Map.of("email", List.of(email)));
    }

    @Test
    void aValidFormAnswers303WhenTheMutationCompletes() {
        PageTester.Response response = tester.post(page, subscribe, "/subscribe", form("ada@example.com")).send();
        assertTrue(!response.isEnded(), "the action is still running");

        saved.complete(ActionResult.redirect("/thanks").invalidate(QueryKey.of("subscribers")));

        assertEquals(303, response.status());
        assertEquals("/thanks", response.location());
    }

    @Test
    void anInvalidFormAnswers422WithThePage() {
        PageTester.Response response = tester.post(page, subscribe, "/subscribe", form("nope")).send();

        assertEquals(422, response.status());
        var document = response.replay().document();
        assertEquals("Enter an email address.", document.select("#field-email-error").text());
        assertEquals("nope", document.select("#field-email").attr("value"));
        assertEquals("true", document.select("#field-email").attr("aria-invalid"));
    }

    @Test
    void aRedirectToAMalformedPathIsA303() {
        Layout<Void> site = Layout.of((req, outlet) -> main(outlet)).key("site");
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        host.mount(Router.router(vertx), "/thanks/:x", Page.of(req -> h1("Thanks, " + req.pathParam("x"))).in(site));
        vertx.close();
        PageTester.Response response = tester.post(page.in(site), subscribe, "/subscribe", form("ada@example.com"))
                .header("Arbor-Navigate", "site").send();

        saved.complete(ActionResult.redirect("/thanks/100%"));

        assertEquals(303, response.status(), "not served in place: a GET of it is the router's 400");
        assertEquals("/thanks/100%", response.location());
    }

    @Test
    void aFormTheRuntimePostsGetsTheMountedTargetPageInTheSameResponse() {
        Layout<Void> site = Layout.of((req, outlet) -> main(outlet)).key("site");
        Page<Void> thanks = Page.of(req -> h1("Thanks, " + req.queryParam("who"))).in(site);
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        host.mount(Router.router(vertx), "/thanks", thanks); // the tester serves what the host mounted
        vertx.close();
        PageTester.Response response = tester.post(page.in(site), subscribe, "/subscribe", form("ada@example.com"))
                .header("Arbor-Navigate", "site").send();

        saved.complete(ActionResult.redirect("/thanks?who=Ada"));

        assertEquals(200, response.status());
        assertEquals("/thanks?who=Ada", response.header("Arbor-Url"));
        assertTrue(response.header("Content-Type").startsWith("text/x-arbor-frames"), response.header("Content-Type"));
        assertTrue(response.body().contains("<h1>Thanks, Ada</h1>"), response.body());
    }

    @Test
    void aForeignOriginIsRefused() {
        PageTester.Response response = tester.post(page, subscribe, "/subscribe", form("ada@example.com"))
                .header("Origin", "https://evil.example").send();

        assertEquals(403, response.status());
        assertTrue(response.body().contains("is not this site"), response.body());
    }
}

package dev.arbor.demo.pages;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.p;

import dev.arbor.demo.Ui;
import dev.arbor.vertx.Halt;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import java.util.concurrent.CompletableFuture;

/** The pages that answer before any shell: not found, a redirect, a failure. */
public final class SimplePages {
    private SimplePages() {
    }

    /** @return the site's 404 page */
    public static Page<Void> notFound() {
        return Page.of(request -> div(
                        Ui.pageHeader("Page not found", "Nothing lives at " + request.path() + "."),
                        p(a("Back to the examples").withHref("/").withClass("button"))).withId("not-found"))
                .head(Head.of("Not found · Trailhead").withMeta("robots", "noindex"))
                .in(Ui.SITE);
    }

    /** @return a page whose loader redirects to the dashboard (302) */
    public static Page<Object> oldDashboard() {
        return Page.of(request -> CompletableFuture.failedFuture(Halt.redirect("/streaming")),
                (request, none) -> p("never rendered"))
                .in(Ui.SITE); // a navigation from any page follows its redirect
    }

    /** @return a page whose loader fails before the shell (500) */
    public static Page<Object> broken() {
        return Page.of(request -> CompletableFuture.failedFuture(
                        new IllegalStateException("Database password expired for user 'trailhead'")),
                (request, none) -> p("never rendered"))
                .in(Ui.SITE); // a navigation to it answers the 500 page, which the runtime loads as a document
    }
}

package dev.arbor.demo.pages;

import static j2html.TagCreator.a;
import static j2html.TagCreator.code;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;

import dev.arbor.demo.Ui;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import java.util.List;

/** {@code /}: every example, each with one line on what it shows. */
public final class IndexPage {
    private IndexPage() {
    }

    /** An example page and what it shows. */
    public record Example(String path, String title, String shows) {
    }

    /** The examples, in the order the index lists them. */
    public static final List<Example> EXAMPLES = List.of(
            new Example("/streaming", "Streaming dashboard",
                    "Quick figures in the shell; orders and reviews stream in as their sources answer (try ?slow=400&slower=4000)."),
            new Example("/nested", "Nested boundaries",
                    "A product card streams in with its own pending sections inside, which stream in after it."),
            new Example("/errors", "Error boundaries",
                    "The inventory source fails inside its own boundary while the rest of the page completes."),
            new Example("/shell", "Async component in the shell",
                    "A server component awaits its data before the shell, so its content is in the very first bytes."),
            new Example("/client-data", "Deferred data for page scripts",
                    "A page script reads a deferred value with arbor.deferred() and draws a chart from it."),
            new Example("/posts", "Query cache and islands",
                    "Posts hydrate a client cache read with no request, Refresh refetches them; comments stream into an island."),
            new Example("/products/alpine-tent", "Nested routes",
                    "Layout and page loaders run in parallel; the page's title and description come from the product's data."),
            new Example("/products/unicorn", "Not found from a loader",
                    "A loader halts with notFound(): a real 404 status, decided before the shell."),
            new Example("/old-dashboard", "Redirect",
                    "A loader redirects with 302 before anything is sent."),
            new Example("/broken", "Failure before the shell",
                    "A loader fails: a 500 page with a digest only; the full error goes to the server's log."),
            new Example("/streaming?arbor-render=document", "Complete document",
                    "What crawlers get: the whole page in one piece, with no fallbacks and no swap instructions."),
            new Example("/no-such-page", "Not-found page",
                    "Unknown paths answer 404 inside the site's frame."));

    /** @return the page */
    public static Page<Void> page() {
        return Page.of(request -> div(
                        div(h1("Streaming server components for Java"),
                                p("Trailhead is a small shop built with Arbor and served by Vert.x. Every page below "
                                        + "sends its shell at once and streams the slow parts as their data arrives.")
                                        .withClass("lead")).withClass("hero"),
                        section(each(EXAMPLES, example -> a(
                                h3(example.title()),
                                p(example.shows()),
                                span(code(example.path())).withClass("path"))
                                .withClass("example").withHref(example.path())))
                                .withClass("examples").withId("examples")))
                .head(Head.of("Arbor demo · Trailhead")
                        .withMeta("description", "Examples of Arbor's streaming server components on Vert.x."))
                .in(Ui.SITE);
    }
}

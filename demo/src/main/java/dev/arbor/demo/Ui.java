package dev.arbor.demo;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.footer;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.header;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.td;
import static j2html.TagCreator.tr;

import dev.arbor.RenderError;
import dev.arbor.vertx.Layout;
import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SectionTag;
import java.util.stream.IntStream;

/** The demo's shared components: the site's frame, cards, skeletons and error panels. */
public final class Ui {
    private Ui() {
    }

    /**
     * The frame of every page: top bar, content, footer. Keyed, so that client navigation keeps it
     * and streams only the page: its nav is marked {@code data-arbor-nav}, so that the runtime
     * moves {@code aria-current} to the link of the page shown.
     */
    public static final Layout<Void> SITE = Layout.of((request, outlet) -> frame(request.path(), outlet)).key("site");

    /**
     * @param content the page's content
     * @return the site's frame around it
     */
    public static DivTag frame(DomContent content) {
        return frame(null, content);
    }

    /**
     * @param path the path of the page shown, whose nav link is {@code aria-current}; may be null
     * @param content the page's content
     * @return the site's frame around it
     */
    public static DivTag frame(String path, DomContent content) {
        return div(
            header(div(
                    a(span("▲").withClass("logo"), span("Trailhead")).withClass("brand").withHref("/"),
                    nav(navLink("Dashboard", "/streaming", path), navLink("Products", "/products/alpine-tent", path),
                            navLink("Examples", "/", path)).attr("data-arbor-nav", "").attr("aria-label", "Main"))
                    .withClass("topbar-inner")).withClass("topbar"),
            main(content).withClass("container"),
            footer(p("Trailhead is a demo of Arbor: streaming server components for Java, served by Vert.x."))
                    .withClass("footer"))
            .withClass("app");
    }

    private static DomContent navLink(String text, String href, String path) {
        return a(text).withHref(href).condAttr(href.equals(path), "aria-current", "page");
    }

    /**
     * @param title the page's heading
     * @param lead one line under it
     * @return the page's header block
     */
    public static DomContent pageHeader(String title, String lead) {
        return div(h1(title), p(lead).withClass("lead")).withClass("page-header");
    }

    /**
     * @param title the card's title
     * @param body its content
     * @return a card
     */
    public static SectionTag card(String title, DomContent... body) {
        return section(div(span(title)).withClass("card-title"), div(body).withClass("card-body")).withClass("card");
    }

    /**
     * @param table a table
     * @return the table in a box that scrolls sideways when a narrow screen cannot show it whole
     */
    public static DivTag scrolling(DomContent table) {
        return div(table).withClass("table-scroll");
    }

    /**
     * @param lines how many lines of text to imitate
     * @return a block skeleton
     */
    public static DivTag skeletonLines(int lines) {
        return div(each(IntStream.range(0, lines).boxed().toList(),
                i -> div().withClass("skeleton line").withStyle("width:" + (92 - (i * 17) % 40) + "%")))
                .withClass("skeleton-block").attr("aria-busy", "true");
    }

    /**
     * @param rows how many rows
     * @param columns how many cells per row
     * @return skeleton table rows, for a {@code <tbody>}
     */
    public static DomContent skeletonRows(int rows, int columns) {
        return each(IntStream.range(0, rows).boxed().toList(), r -> tr(each(IntStream.range(0, columns).boxed().toList(),
                c -> td(span().withClass("skeleton cell")))).withClass("skeleton-row"));
    }

    /**
     * @param items how many items
     * @return skeleton list items, for a {@code <ul>}
     */
    public static DomContent skeletonItems(int items) {
        return each(IntStream.range(0, items).boxed().toList(), i -> li(
                div().withClass("skeleton avatar"),
                div(div().withClass("skeleton line").withStyle("width:40%"),
                        div().withClass("skeleton line").withStyle("width:85%")).withClass("grow"))
                .withClass("skeleton-item"));
    }

    /**
     * What a section shows when its source failed: never the message in production, the digest to
     * quote to support.
     *
     * @param what the section's subject as it reads inside a sentence, such as "the reviews"
     * @param error the error
     * @return the error panel
     */
    public static DivTag errorPanel(String what, RenderError error) {
        // In production the message is generic and names the digest; the reference line says it once.
        String detail = error.isTimeout() ? "The source took too long to answer."
                : error.message().contains(error.digest()) ? "The error was logged on the server." : error.message();
        return div(p(span("!").withClass("error-icon").attr("aria-hidden", "true"),
                        span("Couldn't load " + what + ".")).withClass("error-title"),
                p(detail).withClass("error-detail"),
                p("Reference " + error.digest()).withClass("error-digest"))
                .withClass("error-panel").attr("role", "alert");
    }

    /**
     * @param stars 0 to 5
     * @return stars as text
     */
    public static String stars(int stars) {
        return "★★★★★".substring(0, stars) + "☆☆☆☆☆".substring(0, 5 - stars);
    }
}

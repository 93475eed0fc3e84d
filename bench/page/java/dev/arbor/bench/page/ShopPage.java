package dev.arbor.bench.page;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.*;

import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The benchmarks' streamed page (docs/benchmarks.md): a shop page of about 48 KB and 1,350
 * elements, 100 product cards in the shell and two sections streamed behind Suspense
 * (recommendations and reviews), text full of {@code & < > "}. The same markup exists as a plain
 * j2html tree ({@link #whole}) and, for React, in bench/react/page.mjs.
 *
 * <p>Compiled into the test sources of both renderer and vertx-host (build-helper's
 * add-test-source), so that neither needs the other's test jar across the module wall.
 */
public final class ShopPage {
    public record Product(int id, String name, String brand, int cents, String blurb) {
    }

    public record Review(String author, int stars, String title, String body) {
    }

    /**
     * The data, made once and shared by every render: what a cache would hand each request. 100
     * cards in the shell; {@code -Dbench.products=N} changes the shell's size (OpenStreams uses it
     * to show that a pending stream's heap does not depend on it).
     */
    public static final List<Product> PRODUCTS = products(Integer.getInteger("bench.products", 100));
    public static final List<Product> RECOMMENDED = PRODUCTS.subList(0, 8);
    public static final List<Review> REVIEWS = reviews(12);

    private ShopPage() {
    }

    /**
     * The page for Arbor, its two sections behind {@code suspense} until their stages complete.
     *
     * @param recommended the recommendations, when they arrive
     * @param reviews the reviews, when they arrive
     * @return the page
     */
    public static DomContent streamed(CompletionStage<List<Product>> recommended,
            CompletionStage<List<Review>> reviews) {
        return document(
                suspense(div("Loading recommendations…").withClass("skeleton"),
                        async(recommended, ShopPage::recommendations)),
                suspense(div("Loading reviews…").withClass("skeleton"), async(reviews, ShopPage::reviewList)));
    }

    /**
     * The page's body for a host that writes its own document and head (vertx-host's
     * {@code Page}), its two sections behind {@code suspense}.
     *
     * @param recommended the recommendations, when they arrive
     * @param reviews the reviews, when they arrive
     * @return the body's content
     */
    public static DomContent hostBody(CompletionStage<List<Product>> recommended,
            CompletionStage<List<Review>> reviews) {
        return each(List.of(bodyParts(
                suspense(div("Loading recommendations…").withClass("skeleton"),
                        async(recommended, ShopPage::recommendations)),
                suspense(div("Loading reviews…").withClass("skeleton"), async(reviews, ShopPage::reviewList)))),
                part -> part);
    }

    /**
     * @return the two streamed sections' subtrees, built as the page's views build them when their
     *     data arrives (a benchmark's baseline for building, apart from rendering)
     */
    public static DomContent[] sections() {
        return new DomContent[] {recommendations(RECOMMENDED), reviewList(REVIEWS)};
    }

    /** @return the same page with its data in place, as one j2html tree (no doctype) */
    public static DomContent whole() {
        return document(recommendations(RECOMMENDED), reviewList(REVIEWS));
    }

    static DomContent document(DomContent recommendations, DomContent reviews) {
        return html(
                head(
                        meta().withCharset("utf-8"),
                        meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                        title("Lamps & Lights — \"Aurora\" collection | Arbor Shop"),
                        link().withRel("stylesheet").withHref("/assets/app.css?v=3&theme=light")),
                body(bodyParts(recommendations, reviews)));
    }

    static DomContent[] bodyParts(DomContent recommendations, DomContent reviews) {
        return new DomContent[] {
                        header(
                                a("Arbor Shop").withHref("/").withClass("logo"),
                                nav(ul(each(List.of("Lamps", "Desks", "Chairs", "Help & FAQ", "Cart <3>"), label ->
                                        li(a(label).withHref("/c?q=" + label.toLowerCase() + "&x=1")))))),
                        main(
                                h1("Aurora collection"),
                                p("Prices include VAT & shipping; \"free returns\" <30 days>."),
                                section(h2("Products"), grid(PRODUCTS)).withClass("products"),
                                section(h2("Recommended for you"), recommendations).withClass("recommended"),
                                section(h2("Reviews"), reviews).withClass("reviews")),
                        footer(p("© 2025 Arbor Shop — prices in € <incl. VAT> & \"more\""))};
    }

    static DomContent grid(List<Product> products) {
        return div(each(products, ShopPage::card)).withClass("grid");
    }

    static DomContent card(Product p) {
        return article(
                img().withSrc("/img/" + p.id() + ".webp").withAlt(p.name()),
                h3(a(p.name()).withHref("/p/" + p.id() + "?ref=grid&pos=" + p.id())),
                p(p.brand()).withClass("brand"),
                p((p.cents() / 100) + "." + (p.cents() % 100 / 10) + (p.cents() % 10) + " €").withClass("price"),
                p(p.blurb()),
                ul(li("new & \"hot\""), li("<eco>")),
                button("Add").withData("product", Integer.toString(p.id())))
                .withClass("card");
    }

    static DomContent recommendations(List<Product> products) {
        return ul(each(products, p -> li(a(p.name()).withHref("/p/" + p.id() + "?ref=rec&x=1"),
                span(p.brand()).withClass("brand")))).withClass("rec");
    }

    static DomContent reviewList(List<Review> reviews) {
        return ol(each(reviews, r -> li(h4(r.title()), p(b(r.author()), text(" — " + r.stars() + "/5")), p(r.body()))
                .withClass("review"))).withClass("review-list");
    }

    static List<Product> products(int n) {
        String[] brands = {"Lumen & Co", "Nordlys <N>", "O'Brien \"Lights\"", "Árvore & Söhne"};
        List<Product> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Product(1000 + i, "Aurora \"" + (char) ('A' + i % 26) + "\" lamp <no. " + i + ">",
                    brands[i % brands.length], 1999 + 137 * i,
                    "Brass & linen shade, 2700 K <warm>; \"dimmable\" & fits E27."));
        }
        return List.copyOf(out);
    }

    static List<Review> reviews(int n) {
        List<Review> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Review("Reader #" + i + " <verified>", 1 + i % 5, "\"Lovely light\" & solid build (" + i + ")",
                    "The light is warm & the switch feels solid; the shade's seam <shows> a little. \"Would buy again.\""));
        }
        return List.copyOf(out);
    }
}

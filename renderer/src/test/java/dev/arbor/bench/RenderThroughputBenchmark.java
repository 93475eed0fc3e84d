package dev.arbor.bench;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.*;

import dev.arbor.RenderHandle;
import dev.arbor.RenderSink;
import dev.arbor.Renderer;
import j2html.tags.DomContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of rendering one representative product page, all data ready: j2html's own
 * {@code render()}, Arbor's {@code renderToString}, Arbor streaming into a sink that discards the
 * bytes (what a server does), and Arbor streaming the same page with the product grid and the
 * reviews behind {@code suspense} + {@code async} whose futures are already complete (they go out
 * inline). See docs/benchmarks.md for the command and the numbers.
 *
 * <pre>
 * mvn -q -pl renderer test-compile exec:exec@bench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderThroughputBenchmark {

    record Product(int id, String name, String brand, int cents, double rating, String blurb, List<String> tags) {
    }

    record Review(String author, int stars, String title, String body, String date) {
    }

    private DomContent page;
    private DomContent suspensePage;
    private Renderer renderer;
    /** Diagnostic only: the same renderer without a real deadline timer, to price the timer. */
    private Renderer rendererWithoutTimer;

    @Setup(Level.Trial)
    public void setup() {
        renderer = Renderer.create(); // production mode, the default deadline on the daemon scheduler
        rendererWithoutTimer = Renderer.builder().scheduler((delay, task) -> () -> { }).build();
        List<Product> products = products(50);
        List<Review> reviews = reviews(30);
        page = page(grid(products), reviewList(reviews));
        suspensePage = page(
                suspense(div("Loading products…").withClass("skeleton"),
                        async(CompletableFuture.completedFuture(grid(products)))),
                suspense(div("Loading reviews…").withClass("skeleton"),
                        async(CompletableFuture.completedFuture(reviewList(reviews)))));
        check();
    }

    /** The four variants must give the same document; prints the page's size once. */
    private void check() {
        String j2 = page.render();
        String blocking = renderer.renderToString(page).toCompletableFuture().join();
        String streamed = streamToString(page);
        String suspended = streamToString(suspensePage);
        // j2html's render() writes no doctype; Arbor writes one for an html(...) root
        if (!blocking.equals("<!DOCTYPE html>" + j2) || !streamed.equals(blocking) || !suspended.equals(blocking)) {
            throw new IllegalStateException("the variants render different documents");
        }
        System.out.printf("%n[page] %d chars, %d bytes UTF-8 (j2html render(): %d bytes)%n", blocking.length(),
                blocking.getBytes(StandardCharsets.UTF_8).length, j2.getBytes(StandardCharsets.UTF_8).length);
    }

    private String streamToString(DomContent root) {
        StringBuilder out = new StringBuilder();
        RenderHandle h = renderer.stream(root, new RenderSink() {
            @Override
            public CompletionStage<Void> write(byte[] chunk) {
                out.append(new String(chunk, StandardCharsets.UTF_8));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void end() {
            }

            @Override
            public void fail(dev.arbor.RenderError error) {
                throw new IllegalStateException(error.cause());
            }
        });
        h.done().toCompletableFuture().join();
        return out.toString();
    }

    // ---- benchmarks ----

    @Benchmark
    public String j2htmlRender() {
        return page.render();
    }

    @Benchmark
    public String arborRenderToString() {
        return renderer.renderToString(page).toCompletableFuture().join();
    }

    @Benchmark
    public long arborStream() {
        return stream(page);
    }

    @Benchmark
    public long arborStreamSuspenseInline() {
        return stream(suspensePage);
    }

    /**
     * Not one of the four comparisons: {@link #arborStream} with a scheduler that schedules
     * nothing, which shows what the per-render deadline timer costs.
     */
    @Benchmark
    public long arborStreamNoDeadlineTimer() {
        CountingSink sink = new CountingSink();
        rendererWithoutTimer.stream(page, sink);
        return sink.bytes;
    }

    /** Streams into a sink that counts and drops the bytes; everything completes on this thread. */
    private long stream(DomContent root) {
        CountingSink sink = new CountingSink();
        renderer.stream(root, sink);
        if (!sink.ended) {
            throw new IllegalStateException("the stream did not end synchronously");
        }
        return sink.bytes;
    }


    // ---- the page ----

    static DomContent page(DomContent grid, DomContent reviews) {
        return html(
                head(
                        meta().withCharset("utf-8"),
                        meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                        title("Lamps & Lights — \"Aurora\" collection | Arbor Shop"),
                        meta().withName("description").withContent("Desk lamps, floor lamps & pendants <free shipping>"),
                        link().withRel("stylesheet").withHref("/assets/app.css?v=3"),
                        link().withRel("icon").withHref("/favicon.svg").withType("image/svg+xml"),
                        link().withRel("canonical").withHref("https://shop.example/lamps?collection=aurora&sort=price")),
                body(
                        header(
                                a("Arbor Shop").withHref("/").withClass("logo"),
                                nav(ul(each(List.of("Home", "Lamps", "Desks", "Chairs", "Shelves", "Rugs", "Outlet",
                                        "Gift cards", "Help & FAQ", "Cart (3)"), label ->
                                        li(a(label).withHref("/c/" + label.toLowerCase().replace(' ', '-'))))))
                                        .attr("aria-label", "Main")),
                        main(
                                h1("Aurora collection"),
                                p("Warm light for long evenings. Prices include VAT & shipping to the EU; "
                                        + "\"free returns\" within 30 days."),
                                section(h2("Products"), grid).withClass("products"),
                                section(h2("Specifications"), specs()).withClass("specs"),
                                section(h2("Reviews"), reviews).withClass("reviews")),
                        footer(
                                p("© 2025 Arbor Shop — prices in € <incl. VAT>"),
                                ul(li(a("Imprint").withHref("/imprint")), li(a("Privacy").withHref("/privacy")),
                                        li(a("Terms & conditions").withHref("/terms"))))));
    }

    static DomContent grid(List<Product> products) {
        return div(each(products, p -> article(
                img().withSrc("/img/p/" + p.id() + "-320.webp").withAlt(p.name() + " by " + p.brand())
                        .attr("width", "320").attr("height", "240").attr("loading", "lazy"),
                h3(a(p.name()).withHref("/p/" + p.id() + "?ref=grid&pos=" + p.id())),
                p(p.brand()).withClass("brand"),
                p(String.format("%d.%02d €", p.cents() / 100, p.cents() % 100)).withClass("price"),
                p(p.blurb()).withClass("blurb"),
                span(String.format("★ %.1f", p.rating())).withClass("rating").attr("aria-label",
                        "rated " + p.rating() + " of 5"),
                ul(each(p.tags(), t -> li(t).withClass("tag"))),
                button("Add to cart").withType("button").withData("product", Integer.toString(p.id())))
                .withClass("card").withId("p" + p.id()))).withClass("grid");
    }

    static DomContent reviewList(List<Review> reviews) {
        return ol(each(reviews, r -> li(
                h4(r.title()),
                p(span("★".repeat(r.stars()) + "☆".repeat(5 - r.stars())).withClass("stars"), text(" by "),
                        b(r.author()), text(" on "), time(r.date()).attr("datetime", r.date())),
                p(r.body()))
                .withClass("review"))).withClass("review-list");
    }

    static DomContent specs() {
        List<String[]> rows = new ArrayList<>();
        String[] names = {"Height", "Width", "Depth", "Weight", "Cable", "Bulb", "Wattage", "Lumen", "Colour temp.",
            "Dimmable", "Material", "Finish", "Switch", "Plug", "IP rating", "Energy class", "Warranty", "Made in",
            "Assembly", "Care"};
        for (int i = 0; i < names.length; i++) {
            rows.add(new String[] {names[i], "value " + i + " <approx.> & \"tested\""});
        }
        return table(thead(tr(th("Property"), th("Value"))),
                tbody(each(rows, r -> tr(th(r[0]).attr("scope", "row"), td(r[1])))));
    }

    static List<Product> products(int n) {
        String[] brands = {"Lumen & Co", "Nordlys", "O'Brien Lighting", "Árvore", "<Studio> K"};
        List<Product> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Product(1000 + i, "Aurora \"" + (char) ('A' + i % 26) + "\" lamp no. " + i, brands[i % brands.length],
                    1999 + 137 * i, 3.0 + (i % 20) / 10.0,
                    "Brass & linen shade, 2700 K <warm white>; it's dimmable — fits E27 bulbs.",
                    List.of("new", i % 2 == 0 ? "bestseller" : "eco", "€ " + (i % 5 + 1) + "0 off")));
        }
        return out;
    }

    static List<Review> reviews(int n) {
        List<Review> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Review("Reader #" + i + " <" + (i % 3 == 0 ? "verified" : "guest") + ">", 1 + i % 5,
                    "\"Lovely light\" & solid build (" + i + ")",
                    "Bought it for my desk. The light is warm, the switch feels solid & the cable is long enough. "
                            + "Only gripe: the shade's seam <shows> a little. Würde wieder kaufen. 😀",
                    String.format("2025-%02d-%02d", 1 + i % 12, 1 + i % 28)));
        }
        return out;
    }
}

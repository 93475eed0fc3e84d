package dev.arbor.bench;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.link;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.script;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.style;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.title;
import static j2html.TagCreator.tr;

import dev.arbor.Renderer;
import htmlflow.HtmlFlow;
import htmlflow.HtmlPage;
import htmlflow.HtmlView;
import j2html.tags.DomContent;
import j2html.tags.specialized.TdTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * The shape of the {@code stocks} page of the public template benchmark (xmlet/template-benchmark:
 * a head with metas, links, a script and a style, then a table of 20 stock rows with links and
 * alternating classes), written here from its description, in one run for: Arbor streaming to
 * bytes and Arbor's {@code renderToString} (the j2html tree rebuilt at every call), j2html's own
 * {@code render()} of the same tree, and HtmlFlow 4's view of the same markup. All four escape
 * the text (the public benchmark's HtmlFlow template writes it raw; this one uses
 * {@code text()}, as a page with user data must), and none indents. Command and figures in
 * docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StocksBenchmark {
    /** One row of the table. */
    record Stock(String name, String name2, String url, String symbol, double price, double change, double ratio) {
    }

    static final List<Stock> STOCKS = stocks();

    private static final String CSS = "body { color: #333333; line-height: 150%; }"
            + " thead { font-weight: bold; background-color: #CCCCCC; }"
            + " .odd { background-color: #FFCCCC; } .even { background-color: #CCCCFF; }"
            + " .minus { color: #FF0000; }";

    private static final HtmlView<List<Stock>> HTMLFLOW =
            HtmlFlow.<List<Stock>>view(StocksBenchmark::htmlFlowTemplate).setIndented(false);

    private Renderer renderer;

    private static List<Stock> stocks() {
        String[] names = {"Adventure Works", "Blue Yonder & Co", "Contoso <Holdings>", "Datum \"Corp\"",
            "Fabrikam", "Fourth Coffee", "Litware", "Lucerne Publishing", "Margie's Travel", "Northwind Traders",
            "Proseware", "Relecloud", "Southridge Video", "Tailspin Toys", "Trey Research", "Wide World Importers",
            "Wingtip Toys", "Woodgrove Bank", "Alpine Ski House", "Coho Winery"};
        List<Stock> list = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String symbol = "S" + (char) ('A' + i) + (char) ('Z' - i);
            double change = (i % 3 == 0 ? -1 : 1) * (i * 1.37 + 0.25);
            list.add(new Stock(names[i], names[i] + " Inc.", "https://example.com/companies/" + symbol.toLowerCase(),
                    symbol, 100 + i * 13.75, change, change / (100 + i * 13.75)));
        }
        return List.copyOf(list);
    }

    static DomContent j2htmlPage(List<Stock> stocks) {
        return html(
                head(
                        title("Stock Prices"),
                        meta().attr("http-equiv", "Content-Type").withContent("text/html; charset=UTF-8"),
                        meta().attr("http-equiv", "Content-Style-Type").withContent("text/css"),
                        meta().attr("http-equiv", "Content-Script-Type").withContent("text/javascript"),
                        link().withRel("shortcut icon").withHref("/images/favicon.ico"),
                        link().withRel("stylesheet").withType("text/css").withHref("/css/style.css").attr("media", "all"),
                        script().withType("text/javascript").withSrc("/js/util.js"),
                        style(CSS).withType("text/css")),
                body(
                        h1("Stock Prices"),
                        table(
                                thead(tr(th("#"), th("symbol"), th("name"), th("price"), th("change"), th("ratio"))),
                                tbody(each(stocks, (i, stock) -> tr(
                                            td(String.valueOf(i + 1)),
                                            td(a(stock.symbol()).withHref("/stocks/" + stock.symbol())),
                                            td(a(stock.name()).withHref(stock.url())),
                                            td(strong(String.valueOf(stock.price()))),
                                            signed(stock.change()),
                                            signed(stock.ratio()))
                                            .withClass(i % 2 == 0 ? "odd" : "even"))))));
    }

    private static TdTag signed(double value) {
        TdTag cell = td(String.valueOf(value));
        return value < 0 ? cell.withClass("minus") : cell;
    }

    private static void htmlFlowTemplate(HtmlPage page) {
        page.html()
                .head()
                    .title().text("Stock Prices").__()
                    .meta().addAttr("http-equiv", "Content-Type").attrContent("text/html; charset=UTF-8").__()
                    .meta().addAttr("http-equiv", "Content-Style-Type").attrContent("text/css").__()
                    .meta().addAttr("http-equiv", "Content-Script-Type").attrContent("text/javascript").__()
                    .link().addAttr("rel", "shortcut icon").attrHref("/images/favicon.ico").__()
                    .link().addAttr("rel", "stylesheet").addAttr("type", "text/css").attrHref("/css/style.css")
                        .addAttr("media", "all").__()
                    .script().addAttr("type", "text/javascript").attrSrc("/js/util.js").__()
                    .style().addAttr("type", "text/css").raw(CSS).__()
                .__()
                .body()
                    .h1().text("Stock Prices").__()
                    .table()
                        .thead().tr()
                            .th().text("#").__().th().text("symbol").__().th().text("name").__()
                            .th().text("price").__().th().text("change").__().th().text("ratio").__()
                        .__().__()
                        .tbody()
                            .<List<Stock>>dynamic((tbody, stocks) -> {
                                for (int i = 0; i < stocks.size(); i++) {
                                    Stock stock = stocks.get(i);
                                    var row = tbody.tr().attrClass(i % 2 == 0 ? "odd" : "even");
                                    row.td().text(String.valueOf(i + 1)).__()
                                        .td().a().attrHref("/stocks/" + stock.symbol()).text(stock.symbol()).__().__()
                                        .td().a().attrHref(stock.url()).text(stock.name()).__().__()
                                        .td().strong().text(String.valueOf(stock.price())).__().__();
                                    var change = row.td();
                                    if (stock.change() < 0) {
                                        change.attrClass("minus");
                                    }
                                    change.text(String.valueOf(stock.change())).__();
                                    var ratio = row.td();
                                    if (stock.ratio() < 0) {
                                        ratio.attrClass("minus");
                                    }
                                    ratio.text(String.valueOf(stock.ratio())).__();
                                    row.__();
                                }
                            })
                        .__()
                    .__()
                .__()
            .__();
    }

    @Setup(Level.Trial)
    public void setup() {
        renderer = Renderer.create();
        String arbor = renderer.renderToString(j2htmlPage(STOCKS)).toCompletableFuture().join();
        String j2 = j2htmlPage(STOCKS).render();
        String flow = HTMLFLOW.render(STOCKS);
        if (!arbor.equals("<!DOCTYPE html>" + j2)) {
            throw new IllegalStateException("Arbor and j2html render different documents");
        }
        System.out.printf("%n[stocks] Arbor %d bytes, j2html %d, HtmlFlow %d%n",
                arbor.getBytes(StandardCharsets.UTF_8).length, j2.getBytes(StandardCharsets.UTF_8).length,
                flow.getBytes(StandardCharsets.UTF_8).length);
    }

    @Benchmark
    public long arborStream() {
        return streamInto(new CountingSink());
    }

    /** Into a sink that gives each chunk's array back, as the Vert.x host does. */
    @Benchmark
    public long arborStreamPooled() {
        return streamInto(new CountingSink(renderer.bufferPool()));
    }

    private long streamInto(CountingSink sink) {
        renderer.stream(j2htmlPage(STOCKS), sink);
        if (!sink.ended) {
            throw new IllegalStateException("the stream did not end synchronously");
        }
        return sink.bytes;
    }

    @Benchmark
    public String arborRenderToString() {
        return renderer.renderToString(j2htmlPage(STOCKS)).toCompletableFuture().join();
    }

    @Benchmark
    public String j2htmlRender() {
        return j2htmlPage(STOCKS).render();
    }

    /**
     * Building the j2html tree alone, which every j2html-based render pays before writing a byte:
     * the bound on how fast any renderer of a tree rebuilt at every call can be.
     */
    @Benchmark
    public Object j2htmlTreeOnly() {
        return j2htmlPage(STOCKS);
    }

    @Benchmark
    public String htmlFlow() {
        return HTMLFLOW.render(STOCKS);
    }
}

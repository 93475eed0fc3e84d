package dev.arbor.demo.pages;

import static dev.arbor.Arbor.await;
import static dev.arbor.Arbor.defer;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.noscript;
import static j2html.TagCreator.p;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import dev.arbor.Deferred;
import dev.arbor.demo.Sources;
import dev.arbor.demo.Store;
import dev.arbor.demo.Store.ForecastWeek;
import dev.arbor.demo.Ui;
import dev.arbor.vertx.Head;
import dev.arbor.vertx.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /client-data}: a deferred value that the server renders as a table and that page script
 * reads as JSON with {@code arbor.deferred('forecast')} to draw a chart.
 */
public final class ClientDataPage {
    private ClientDataPage() {
    }

    /** The forecast, deferred under the key page scripts use. */
    public record Data(Deferred<List<ForecastWeek>> forecast) {
    }

    /** Draws the chart from the deferred value; the host puts Arbor's client runtime in the head. */
    static final String CHART_SCRIPT = String.join("\n",
            "(function () {",
            "  var chart = document.getElementById('forecast-chart');",
            "  function draw(weeks) {",
            "    var max = Math.max.apply(null, weeks.map(function (w) { return w.units; }));",
            "    chart.textContent = '';",
            "    weeks.forEach(function (w) {",
            "      var bar = document.createElement('div');",
            "      bar.className = 'bar';",
            "      bar.style.height = Math.round(100 * w.units / max) + '%';",
            "      bar.title = w.week + ': ' + w.units + ' units';",
            "      var label = document.createElement('span');",
            "      label.textContent = w.week;",
            "      bar.appendChild(label);",
            "      chart.appendChild(bar);",
            "    });",
            "    chart.setAttribute('data-state', 'ready');",
            "  }",
            "  function failed() { chart.textContent = 'The forecast is unavailable.'; chart.setAttribute('data-state', 'failed'); }",
            "  arbor.deferred('forecast').then(draw, failed);",
            "})();");

    /**
     * @param sources where the data comes from
     * @return the page
     */
    public static Page<Data> page(Sources sources) {
        return Page.<Data>of(request -> CompletableFuture.completedFuture(new Data(defer("forecast",
                        sources.load("forecast", Duration.ofMillis(Math.max(0, request.queryParam("slow", 1400))),
                                Store::forecast)))),
                (request, data) -> div(
                        Ui.pageHeader("Deferred data for page scripts",
                                "The server renders the forecast as a table; a page script draws the chart from the same value."),
                        div(Ui.card("Forecast chart",
                                        div(Ui.skeletonLines(4)).withClass("chart").withId("forecast-chart")
                                                .attr("data-state", "waiting"),
                                        noscript(p("A page script draws this chart; the table has the same figures.")
                                                .withClass("muted"))),
                                Ui.card("Forecast table", Ui.scrolling(table(thead(tr(th("Week"), th("Units"))),
                                        tbody(await(data.forecast(), Ui.skeletonRows(6, 2), weeks -> each(weeks,
                                                w -> tr(td(w.week()), td(String.valueOf(w.units())).withClass("num"))))))
                                        .withClass("table").withId("forecast-table"))))
                                .withClass("grid two"),
                        request.script(CHART_SCRIPT)))
                .head(Head.of("Deferred data for page scripts · Trailhead"))
                .in(Ui.SITE);
    }
}

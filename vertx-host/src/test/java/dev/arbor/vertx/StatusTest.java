package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Mode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What is decided before the shell gets a real status code. */
@ExtendWith(VertxExtension.class)
class StatusTest {
    private HostFixture app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void loaderThatHaltsWithNotFoundAnswers404WithTheNotFoundPage(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/missing");
        String body = response.body();
        assertEquals(404, response.status());
        assertTrue(body.contains("<title>Page not found</title>"), body);
        assertTrue(body.contains("There is nothing at /missing."), body);
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertTrue(app.reports.isEmpty(), "a not-found is no error");
    }

    @Test
    void loaderStageThatFailsWithNotFoundLaterAnswers404(Vertx vertx) {
        app = HostFixture.start(vertx);
        var pending = app.request("/missing-late");
        StreamingResponse.join(app.gates.requested("missing"));
        app.gates.release("missing", "gone");
        StreamingResponse response = StreamingResponse.join(pending);
        assertTrue(response.body().contains("Page not found"));
        assertEquals(404, response.status());
    }

    @Test
    void unknownPathsAnswer404WithACustomNotFoundPage(Vertx vertx) {
        app = HostFixture.start(vertx, Mode.PRODUCTION, b -> b.notFoundPage(
                Page.of(req -> j2html.TagCreator.p("Lost: " + req.path())).head(Head.of("Lost"))));
        StreamingResponse response = app.get("/no/such/page");
        String body = response.body();
        assertEquals(404, response.status());
        assertTrue(body.contains("Lost: /no/such/page"), body);
        assertTrue(body.contains("<title>Lost</title>"), body);
    }

    @Test
    void redirectsAnswer302And303WithLocation(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse found = app.get("/moved");
        found.body();
        assertEquals(302, found.status());
        assertEquals("/stream", found.headers().get("Location"));

        StreamingResponse seeOther = app.get("/posted");
        seeOther.body();
        assertEquals(303, seeOther.status());
        assertEquals("/done", seeOther.headers().get("Location"));
    }

    @Test
    void loaderFailureAnswers500WithADigestOnlyInProduction(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/boom");
        String body = response.body();
        assertEquals(500, response.status());
        assertEquals("text/html; charset=utf-8", response.headers().get("Content-Type"));
        assertFalse(body.contains("secret detail"), body);
        assertEquals(1, app.reports.size());
        HostFixture.Report report = app.reports.get(0);
        assertInstanceOf(IllegalStateException.class, report.error);
        assertTrue(body.contains(report.digest), "the page names the reported digest: " + body);
        assertTrue(body.contains("<title>Something went wrong</title>"), body);
    }

    @Test
    void developmentModeShowsTheMessage(Vertx vertx) {
        app = HostFixture.start(vertx, Mode.DEVELOPMENT, b -> { });
        StreamingResponse response = app.get("/boom");
        String body = response.body();
        assertEquals(500, response.status());
        assertTrue(body.contains("secret detail"), body);
    }

    @Test
    void developmentModeShowsTheStackAndWhereTheShellFailedOnThe500Page(Vertx vertx) {
        app = HostFixture.start(vertx, Mode.DEVELOPMENT, b -> { });
        var pending = app.request("/boom-shell");
        StreamingResponse.join(app.gates.requested("shell"));
        app.gates.fail("shell", new IllegalStateException("shell <b>source</b> down"));
        StreamingResponse response = StreamingResponse.join(pending);
        assertEquals(500, response.status());
        org.jsoup.nodes.Element details = org.jsoup.Jsoup.parse(response.body()).selectFirst("details.arbor-error-details");
        assertEquals("java.lang.IllegalStateException: shell <b>source</b> down", details.selectFirst("summary").text());
        assertEquals("in html › body › main › async", details.selectFirst(".arbor-error-path").text());
        assertTrue(details.selectFirst("pre").text().contains("dev.arbor.vertx.StatusTest."), details.text());
        assertFalse(response.body().contains("<b>source"), "escaped");

        app.close();
        app = HostFixture.start(vertx);
        var production = app.request("/boom-shell");
        StreamingResponse.join(app.gates.requested("shell"));
        app.gates.fail("shell", new IllegalStateException("shell source down"));
        String body = StreamingResponse.join(production).body();
        assertFalse(body.contains("arbor-error-details") || body.contains("IllegalStateException"), body);
    }

    @Test
    void viewThatThrowsBeforeTheShellAnswers500(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/boom-view");
        String body = response.body();
        assertEquals(500, response.status());
        assertFalse(body.contains("secret view detail"));
        assertEquals(1, app.reports.size());
    }

    @Test
    void asyncComponentOutsideEveryBoundaryThatFailsAnswers500(Vertx vertx) {
        app = HostFixture.start(vertx);
        var pending = app.request("/boom-shell");
        StreamingResponse.join(app.gates.requested("shell"));
        assertFalse(pending.isDone(), "the shell waits for the async component");
        app.gates.fail("shell", new IllegalStateException("shell source down"));
        StreamingResponse response = StreamingResponse.join(pending);
        String body = response.body();
        assertEquals(500, response.status());
        assertFalse(body.contains("shell source down"));
        assertEquals(1, app.reports.size(), "reported once, by the renderer");
        assertTrue(body.contains(app.reports.get(0).digest), "under the digest the page shows: " + body);
    }

    @Test
    void asyncComponentInTheShellDelaysTheShellThenStreams(Vertx vertx) {
        app = HostFixture.start(vertx);
        var pending = app.request("/boom-shell");
        StreamingResponse.join(app.gates.requested("shell"));
        assertFalse(pending.isDone(), "the shell waits for the async component");
        app.gates.release("shell", "ready");
        StreamingResponse response = StreamingResponse.join(pending);
        String body = response.body();
        assertEquals(200, response.status());
        assertTrue(body.contains("Shell ready"), body);
    }
}

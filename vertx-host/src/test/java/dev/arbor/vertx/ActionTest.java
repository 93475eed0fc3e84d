package dev.arbor.vertx;

import static j2html.TagCreator.button;
import static j2html.TagCreator.each;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.li;
import static j2html.TagCreator.main;
import static j2html.TagCreator.ul;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Mode;
import dev.arbor.Renderer;
import dev.arbor.query.QueryKey;
import dev.arbor.query.QueryRegistry;
import dev.arbor.testing.ManualScheduler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Actions through the public API, with raw HTTP requests: a form posted with its CSRF token runs
 * the action, whose result answers 303, 422 (the page with the values and errors) or a failure;
 * what is not a proper form from this site is refused with its 4xx, and nothing is logged.
 */
@ExtendWith(VertxExtension.class)
class ActionTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A small app: the reviews of a product, and a form to add one. */
    static final class App implements AutoCloseable {
        final List<String> reviews = new CopyOnWriteArrayList<>();
        final List<String> reported = new CopyOnWriteArrayList<>();
        final List<ActionResult> results = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> slowAction = new CompletableFuture<>();
        final CompletableFuture<ActionResult> slowResult = new CompletableFuture<>();
        final HttpServer server;

        App(Vertx vertx, Mode mode, Consumer<ArborHost.Builder> config) {
            Renderer renderer = Renderer.builder().mode(mode).scheduler(new ManualScheduler())
                    .errorReporter((digest, error) -> reported.add(digest + " " + error.getMessage())).build();
            ArborHost.Builder builder = ArborHost.builder(renderer).maxFormSize(4096)
                    // what single-flight answers run again when an action invalidates it
                    .queries(new QueryRegistry().register("count",
                            key -> CompletableFuture.completedFuture(reviews.size())));
            config.accept(builder);
            ArborHost host = builder.build();
            Page<Void> page = Page.of(req -> main(
                    ul(each(reviews, r -> li(r))).withId("reviews"),
                    Forms.form(req, "/products/" + req.pathParam("id") + "/reviews",
                            Forms.input(req, "author", "Your name"),
                            Forms.select(req, "stars", "Stars", Map.of("5", "Five", "1", "One")),
                            Forms.textarea(req, "text", "Your review"),
                            button("Post").withType("submit"))));
            Action add = req -> {
                var form = req.form();
                Map<String, String> errors = new LinkedHashMap<>();
                if (form.get("author", "").isBlank()) {
                    errors.put("author", "Tell us your name.");
                }
                if (form.get("text", "").length() < 3) {
                    errors.put("text", "Write at least 3 characters.");
                }
                ActionResult result;
                if ("boom".equals(form.get("text"))) {
                    throw new IllegalStateException("secret action detail");
                } else if ("late boom".equals(form.get("text"))) {
                    return CompletableFuture.failedFuture(new IllegalStateException("secret async detail"));
                } else if ("conflict".equals(form.get("text"))) {
                    result = ActionResult.failure(409, new IllegalStateException("secret conflict detail"));
                } else if ("gone".equals(form.get("text"))) {
                    throw Halt.notFound();
                } else if (!errors.isEmpty()) {
                    result = ActionResult.invalid(form, errors);
                } else {
                    reviews.add(form.get("author") + ": " + form.get("text") + " (" + form.names() + ")");
                    result = ActionResult.redirect("/products/" + req.pathParam("id"))
                            .invalidate(QueryKey.of("reviews", req.pathParam("id")));
                }
                results.add(result);
                return CompletableFuture.completedFuture(result);
            };
            Router router = Router.router(vertx);
            host.mount(router, "/products/:id", page);
            host.action(router, "/products/:id/reviews", page, add);
            host.mount(router, "/same/:id", page, add);
            host.mount(router, "/cached-form", Page.of(req -> {
                req.cacheControl("public, max-age=60");
                return Forms.form(req, "/same/x");
            }));
            host.action(router, "/slow", page, req -> {
                slowAction.complete(null);
                return slowResult;
            });
            // a keyed layout, so that the runtime can navigate: single-flight answers
            Layout<Void> site = Layout.of((req, outlet) -> div(h1("Shop"), main(outlet))).key("site");
            Page<Void> sitePage = Page.of(req -> div(
                    h2("Site " + req.pathParam("id") + " q=" + req.queryParam("q") + " at " + req.path()),
                    ul(each(reviews, r -> li(r))).withId("reviews"),
                    Forms.form(req, "/site/" + req.pathParam("id"), Forms.textarea(req, "text", "Your review"))))
                    .in(site);
            host.mount(router, "/site/:id", sitePage, req -> {
                if (req.form().get("text", "").length() < 3) {
                    return CompletableFuture.completedFuture(
                            ActionResult.invalid(req.form(), Map.of("text", "Write at least 3 characters.")));
                }
                String text = req.form().get("text");
                String location = switch (text) {
                    case "elsewhere" -> "https://example.com/thanks";
                    case "lost" -> "/nowhere";
                    case "plain" -> "/products/tent"; // a page without the site's layout
                    case "other" -> "/site/lamp%20shade?q=new#reviews";
                    case "malformed" -> "/site/100%";
                    case "undecodable" -> "/site/%+1";
                    case "backslash" -> "/pages/a\\..\\new"; // a browser asks for /pages/new
                    case "space" -> "/site/lamp shade"; // a browser asks for /site/lamp%20shade
                    case "guarded" -> "/guarded/panel";
                    case "shadowed" -> "/pages/new";
                    case "unshadowed" -> "/pages/lamp";
                    default -> "/site/" + req.pathParam("id");
                };
                if ("halt".equals(text)) {
                    throw Halt.seeOther("https://login.example/?next=/site");
                }
                reviews.add(text);
                return CompletableFuture.completedFuture(ActionResult.redirect(location)
                        .invalidate(QueryKey.of("count"), QueryKey.of("unknown")));
            });
            // a guard and another page that a GET meets before the mounted pages they shadow
            router.get("/guarded/*").handler(ctx -> ctx.response().setStatusCode(403).end("guarded"));
            host.mount(router, "/guarded/panel", sitePage);
            router.get("/pages/new").handler(ctx -> ctx.response().end("the app's own page"));
            host.mount(router, "/pages/:id", sitePage);
            router.put("/same/:id").handler(ctx -> ctx.response().end("the app's own PUT"));
            router.route().handler(host.notFoundHandler());
            server = StreamingResponse.join(vertx.createHttpServer().requestHandler(router).listen(0)
                    .toCompletionStage().toCompletableFuture());
        }

        int port() {
            return server.actualPort();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private App app;
    private LogCapture logs;

    @BeforeEach
    void start(Vertx vertx) {
        app = new App(vertx, Mode.PRODUCTION, b -> b.csrfSecret(SECRET));
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        app.close();
    }

    // ---- raw HTTP ----

    /** @return the whole answer to a plain {@code GET} of {@code target} */
    static String get(int port, String target) throws IOException {
        return raw(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    static String raw(int port, String request) throws IOException {
        return raw(port, request.getBytes(StandardCharsets.UTF_8));
    }

    static String raw(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) StreamingResponse.TIMEOUT_SECONDS * 1000);
            socket.getOutputStream().write(request);
            socket.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (java.net.SocketException reset) {
                // the server closed after answering a body it did not read
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A CSRF cookie and the token of the form that came with it. */
    record Token(String cookie, String field) {
    }

    static Token token(int port, String path) throws IOException {
        String page = get(port, path);
        Matcher cookie = Pattern.compile("(?i)set-cookie: (arbor-csrf=[^;\\r\\n]+)").matcher(page);
        Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(cookie.find(), page);
        assertTrue(field.find(), page);
        return new Token(cookie.group(1), field.group(1));
    }

    static String form(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    static String post(String path, String cookie, String contentType, String body, String... headers) {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (cookie != null) {
            request.append("Cookie: ").append(cookie).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length)
                .append("\r\n\r\n").append(body);
        return request.toString();
    }

    private String postForm(String path, String... pairs) throws IOException {
        Token token = token(app.port(), "/products/tent");
        List<String> all = new ArrayList<>(List.of("_csrf", token.field()));
        all.addAll(List.of(pairs));
        return raw(app.port(), post(path, "other=1; " + token.cookie(), "application/x-www-form-urlencoded",
                form(all.toArray(new String[0])), "Origin", "http://localhost", // the Host the request names
                "Sec-Fetch-Site", "same-origin"));
    }

    private void assertNothingLogged() throws IOException {
        get(app.port(), "/products/x");
        assertEquals(List.of(), logs.records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage())
                .collect(Collectors.toList()));
    }

    // ---- the results ----

    @Test
    void aValidFormRunsTheActionAndAnswers303ThenTheGetShowsTheNewData() throws IOException {
        String answer = postForm("/products/tent/reviews", "author", "Ada", "stars", "5", "text", "Great tent");

        assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        assertTrue(answer.contains("location: /products/tent\r\n"), answer);
        assertTrue(answer.contains("cache-control: no-store"), answer);
        assertEquals(List.of(QueryKey.of("reviews", "tent")), app.results.get(0).invalidated());
        String page = get(app.port(), "/products/tent");
        assertTrue(page.contains("<li>Ada: Great tent ([author, stars, text])</li>"), page);
        assertNothingLogged();
    }

    /** Posts a form as the client runtime does: its token, this site's origin, the layouts it shows. */
    private String runtimePost(Token token, String uri, String... fields) throws IOException {
        String[] all = new String[fields.length + 2];
        all[0] = "_csrf";
        all[1] = token.field();
        System.arraycopy(fields, 0, all, 2, fields.length);
        return raw(app.port(), post(uri, token.cookie(), "application/x-www-form-urlencoded", form(all),
                "Origin", "http://localhost", "Arbor-Navigate", "site"));
    }

    @Test
    void aFormTheRuntimeSendsIsAnsweredWithItsTargetPageAsANavigationInTheSameResponse() throws IOException {
        Token token = token(app.port(), "/site/tent");
        String answer = runtimePost(token, "/site/tent", "text", "Single <flight>");

        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer); // no 303: no second request
        assertTrue(answer.contains("content-type: text/x-arbor-frames"), answer);
        assertTrue(answer.contains("Arbor-Url: /site/tent\r\n"), answer);
        assertTrue(answer.contains("cache-control: no-store\r\n"), answer);
        assertTrue(answer.contains("Arbor-Outlet: site\r\n"), answer);
        assertTrue(answer.contains("<li>Single &lt;flight&gt;</li>"), answer);
        assertFalse(answer.contains("<h1>Shop</h1>"), "the shared layout is not rendered again");
        // the invalidated query the registry knows, run again after the mutation, in an instruction
        assertTrue(Pattern.compile("i\\d+:\\[\\[\"q\",\\{\"queries\":\\[\\{\"queryKey\":\\[\"count\"\\],[^\\n]*\"data\":1,")
                .matcher(answer).find(), answer);
        assertFalse(answer.contains("unknown"), "a key no one can run is not sent");
        assertEquals(List.of("Single <flight>"), app.reviews);
        assertNothingLogged();
    }

    @Test
    void aRedirectToAMalformedOrUnresolvedPathIsA303NotAPageServedInPlace() throws IOException {
        Token token = token(app.port(), "/site/tent");
        // the fetch follows a 303 and gets what a GET gets: the router's 400, or the page the
        // browser's own reading of the address reaches
        for (String field : List.of("malformed", "undecodable", "backslash", "space")) {
            String answer = runtimePost(token, "/site/tent", "text", field);
            assertTrue(answer.startsWith("HTTP/1.1 303 "), field + ": " + answer);
        }
        assertTrue(get(app.port(), "/site/100%")
                .startsWith("HTTP/1.1 400 "));
        assertNothingLogged();
    }

    @Test
    void theTargetPageSeesItsOwnPathQueryAndParametersNotTheActions() throws IOException {
        Token token = token(app.port(), "/site/tent");
        String answer = runtimePost(token, "/site/tent?q=old", "text", "other");

        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.contains("Arbor-Url: /site/lamp%20shade?q=new#reviews\r\n"), answer);
        assertTrue(answer.contains("<h2>Site lamp shade q=new at /site/lamp%20shade</h2>"), answer);
        assertTrue(answer.contains("action=\"/site/lamp shade\""), answer); // built from the decoded parameter
        // the path as a GET of the same address shows it: escaped as sent, its parameter decoded
        String get = get(app.port(), "/site/lamp%20shade?q=new");
        assertTrue(get.contains("<h2>Site lamp shade q=new at /site/lamp%20shade</h2>"), get);
    }

    @Test
    void aSingleFlightAnswerFollowsTheTargetPageWhereverItLeads() throws IOException {
        Token token = token(app.port(), "/site/tent");
        // to another site (a result or a Halt), to a page of another root layout: the runtime loads
        // the document it names
        for (String[] c : new String[][] {{"elsewhere", "https://example.com/thanks"}, {"plain", "/products/tent"},
                {"halt", "https://login.example/?next=/site"}}) {
            String answer = runtimePost(token, "/site/tent", "text", c[0]);
            assertTrue(answer.startsWith("HTTP/1.1 204 "), answer);
            assertTrue(answer.contains("Arbor-Reload: 1\r\n"), answer);
            assertTrue(answer.contains("Arbor-Url: " + c[1] + "\r\n"), answer);
        }
        // to a path no page is mounted on: a 303, which the runtime's fetch follows
        String answer = runtimePost(token, "/site/tent", "text", "lost");
        assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        assertTrue(answer.contains("location: /nowhere\r\n") || answer.contains("Location: /nowhere\r\n"), answer);
        assertEquals(List.of("elsewhere", "plain", "lost"), app.reviews);
        assertNothingLogged();
    }

    @Test
    void aTargetBehindAGuardOrAnotherRouteIsReachedThroughTheRouterNotServedInPlace() throws IOException {
        Token token = token(app.port(), "/site/tent");
        for (String[] c : new String[][] {{"guarded", "/guarded/panel"}, {"shadowed", "/pages/new"}}) {
            String answer = runtimePost(token, "/site/tent", "text", c[0]);
            // a GET of the target meets the guard, or the app's own page: the fetch follows a 303
            assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
            assertTrue(answer.toLowerCase().contains("location: " + c[1] + "\r\n"), answer);
        }
        // the same mount, for a path no earlier route takes: served in place
        String answer = runtimePost(token, "/site/tent", "text", "unshadowed");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.contains("<h2>Site lamp q=null at /pages/lamp</h2>"), answer);
    }

    @Test
    void anInvalidFormTheRuntimeSendsComesBackAs422InFrames() throws IOException {
        Token token = token(app.port(), "/site/tent");
        String answer = runtimePost(token, "/site/tent", "text", "<b");

        assertTrue(answer.startsWith("HTTP/1.1 422 "), answer);
        assertTrue(answer.contains("content-type: text/x-arbor-frames"), answer);
        assertTrue(answer.contains("Write at least 3 characters."), answer);
        assertTrue(answer.contains("&lt;b</textarea>"), answer);
        assertTrue(app.reviews.isEmpty());
    }

    @Test
    void anInvalidFormOnAPageTheRuntimeCannotNavigateIsAnsweredWithTheCompleteDocumentNotADecline()
            throws IOException {
        Token token = token(app.port(), "/same/x");
        String answer = runtimePost(token, "/same/x", "author", "", "text", "<b");

        // a 204 would make the runtime post the form again: the action would run twice
        assertTrue(answer.startsWith("HTTP/1.1 422 "), answer);
        assertTrue(answer.contains("content-type: text/html"), answer);
        assertTrue(answer.contains("Tell us your name."), answer);
        assertFalse(answer.contains("<template"), "complete: nothing streams after it");
        assertEquals(1, app.results.size());
    }

    @Test
    void aFormTheRuntimeSendsStillNeedsItsToken() throws IOException {
        Token token = token(app.port(), "/site/tent");
        String answer = raw(app.port(), post("/site/tent", token.cookie(), "application/x-www-form-urlencoded",
                form("text", "No token"), "Origin", "http://localhost", "Arbor-Navigate", "site"));

        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        assertTrue(app.reviews.isEmpty());
    }

    @Test
    void unknownFieldsAreIgnoredAndTheTokenNeverReachesTheAction() throws IOException {
        String answer = postForm("/products/tent/reviews", "author", "Ada", "text", "Nice", "admin", "true",
                "_arbor_noscript", "1");

        assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        assertEquals(List.of("Ada: Nice ([author, text, admin])"), app.reviews);
    }

    @Test
    void aPageAndItsActionMayShareOnePath() throws IOException {
        String answer = postForm("/same/tent", "author", "Ada", "text", "Same path");

        assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        assertEquals(1, app.reviews.size());
    }

    @Test
    void anInvalidFormAnswers422WithThePageItsValuesAndAccessibleErrors() throws IOException {
        String answer = postForm("/products/tent/reviews", "author", "", "stars", "1", "text", "<script>x</script>");

        assertTrue(answer.startsWith("HTTP/1.1 422 "), answer);
        assertTrue(answer.contains("content-type: text/html"), answer);
        // the error summary: focused, announced, a link to each field
        assertTrue(answer.contains("role=\"alert\""), answer);
        assertTrue(answer.contains("<a href=\"#field-author\">Tell us your name.</a>"), answer);
        assertTrue(answer.contains("<a href=\"#field-text\">Write at least 3 characters.</a>") == false, answer);
        // the fields: values back, aria-invalid and aria-describedby to the message
        assertTrue(answer.contains("<p id=\"field-author-error\" class=\"field-message\">Tell us your name.</p>"), answer);
        assertTrue(answer.contains("id=\"field-author\" aria-invalid=\"true\" aria-describedby=\"field-author-error\""),
                answer);
        assertTrue(answer.contains("&lt;script&gt;x&lt;/script&gt;</textarea>"), answer);
        assertFalse(answer.contains("<script>x</script>"), "user data is escaped");
        assertTrue(answer.contains("<option value=\"1\" selected>One</option>"), answer);
        // a POST's answer cannot be refreshed: no no-script redirect to a GET that would lose the form
        assertFalse(answer.contains("http-equiv=\"refresh\""), answer);
        assertTrue(app.reviews.isEmpty());
        assertNothingLogged();
    }

    @Test
    void aFormFromABrowserWithoutJavaScriptGetsTheComplete422Document() throws IOException {
        String answer = postForm("/products/tent/reviews", "author", "", "text", "ok!", "_arbor_noscript", "1");

        assertTrue(answer.startsWith("HTTP/1.1 422 "), answer);
        assertTrue(answer.contains("content-length: "), "one piece, not chunked: " + answer);
        assertTrue(answer.contains("value=\"ok!\"") || answer.contains(">ok!</textarea>"), answer);
    }

    @Test
    void aFailingActionAnswers500UnderADigestWithNoMessageInProduction() throws IOException {
        for (String text : List.of("boom", "late boom")) {
            app.reported.clear();
            String answer = postForm("/products/tent/reviews", "author", "Ada", "text", text);

            assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
            assertEquals(1, app.reported.size(), app.reported.toString());
            String digest = app.reported.get(0).split(" ")[0];
            assertTrue(answer.contains(digest), answer);
            assertFalse(answer.contains("secret"), answer);
            assertFalse(answer.contains("IllegalStateException"), answer);
        }
        assertNothingLogged();
    }

    @Test
    void aFailureResultAnswersItsStatusWithTheErrorPage() throws IOException {
        String answer = postForm("/products/tent/reviews", "author", "Ada", "text", "conflict");

        assertTrue(answer.startsWith("HTTP/1.1 409 "), answer);
        assertTrue(answer.contains("Something went wrong"), answer);
        assertFalse(answer.contains("secret conflict detail"), answer);
        assertEquals(1, app.reported.size());
    }

    @Test
    void aHaltNotFoundAnswersTheNotFoundPage() throws IOException {
        String answer = postForm("/products/tent/reviews", "author", "Ada", "text", "gone");

        assertTrue(answer.startsWith("HTTP/1.1 404 "), answer);
        assertTrue(answer.contains("Page not found"), answer);
    }

    @Test
    void inDevelopmentTheFailureShowsItsMessage(Vertx vertx) throws IOException {
        try (App dev = new App(vertx, Mode.DEVELOPMENT, b -> b.csrfSecret(SECRET))) {
            Token token = token(dev.port(), "/products/tent");
            String answer = raw(dev.port(), post("/products/tent/reviews", token.cookie(),
                    "application/x-www-form-urlencoded", form("_csrf", token.field(), "author", "A", "text", "boom")));

            assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
            assertTrue(answer.contains("secret action detail"), answer);
        }
    }

    // ---- CSRF ----

    @Test
    void aFormWithoutItsTokenIsRefusedWith403AndAClearMessage() throws IOException {
        Token token = token(app.port(), "/products/tent");

        String noField = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", form("author", "Ada", "text", "Hello")));
        String noCookie = raw(app.port(), post("/products/tent/reviews", null,
                "application/x-www-form-urlencoded", form("_csrf", token.field(), "author", "Ada", "text", "Hello")));
        String wrong = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", form("_csrf", token.field() + "x", "author", "Ada", "text", "Hi!")));

        assertTrue(noField.startsWith("HTTP/1.1 403 "), noField);
        assertTrue(noField.contains("Forbidden: this form was refused because its form carries no CSRF token"), noField);
        assertTrue(noCookie.startsWith("HTTP/1.1 403 "), noCookie);
        assertTrue(noCookie.contains("no CSRF cookie"), noCookie);
        assertTrue(wrong.startsWith("HTTP/1.1 403 "), wrong);
        assertTrue(wrong.contains("does not match"), wrong);
        assertTrue(app.results.isEmpty(), "the action never ran");
        assertNothingLogged();
    }

    @Test
    void aScriptMaySendTheTokenAsAHeader() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String answer = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", form("author", "Ada", "text", "By script"),
                "X-Arbor-CSRF", token.field(), "Sec-Fetch-Site", "same-origin"));

        assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        assertEquals(1, app.reviews.size());
    }

    @Test
    void aTokenMadeUpByTheClientIsRefused() throws IOException {
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        String answer = raw(app.port(), post("/products/tent/reviews", "arbor-csrf=" + forged,
                "application/x-www-form-urlencoded", form("_csrf", forged, "author", "Ada", "text", "Hello")));

        assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
        assertTrue(app.results.isEmpty());
    }

    @Test
    void aFormFromAnotherSiteIsRefused() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String body = form("_csrf", token.field(), "author", "Ada", "text", "Hello");

        String origin = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", body, "Origin", "https://evil.example"));
        String site = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", body, "Sec-Fetch-Site", "cross-site"));
        String opaque = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", body, "Origin", "null"));

        assertTrue(origin.startsWith("HTTP/1.1 403 "), origin);
        assertTrue(origin.contains("its Origin (https://evil.example) is not this site"), origin);
        assertTrue(site.startsWith("HTTP/1.1 403 "), site);
        assertTrue(site.contains("Sec-Fetch-Site: cross-site"), site);
        assertTrue(opaque.startsWith("HTTP/1.1 403 "), opaque);
        assertTrue(app.results.isEmpty());
        assertNothingLogged();
    }

    @Test
    void aTrustedOriginMayPost(Vertx vertx) throws IOException {
        try (App other = new App(vertx, Mode.PRODUCTION, b -> b.csrfSecret(SECRET).trustedOrigins("https://shop.example"))) {
            Token token = token(other.port(), "/products/tent");
            String answer = raw(other.port(), post("/products/tent/reviews", token.cookie(),
                    "application/x-www-form-urlencoded", form("_csrf", token.field(), "author", "A", "text", "Fine"),
                    "Origin", "https://shop.example", "Sec-Fetch-Site", "same-site"));

            assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        }
    }

    @Test
    void everyInstanceWithTheSameSecretAcceptsTheTokenAndAnotherSecretDoesNot(Vertx vertx) throws IOException {
        Token token = token(app.port(), "/products/tent"); // rendered by the first instance
        String body = form("_csrf", token.field(), "author", "Ada", "text", "Elsewhere");
        try (App twin = new App(vertx, Mode.PRODUCTION, b -> b.csrfSecret(SECRET));
                App stranger = new App(vertx, Mode.PRODUCTION, b -> b.csrfSecret(
                        "another secret of 32 bytes, or more".getBytes(StandardCharsets.US_ASCII)))) {
            String accepted = raw(twin.port(), post("/products/tent/reviews", token.cookie(),
                    "application/x-www-form-urlencoded", body));
            String refused = raw(stranger.port(), post("/products/tent/reviews", token.cookie(),
                    "application/x-www-form-urlencoded", body));

            assertTrue(accepted.startsWith("HTTP/1.1 303 "), accepted);
            assertTrue(refused.startsWith("HTTP/1.1 403 "), refused);
        }
    }

    @Test
    void theCookieIsHttpOnlyLaxAndAPageThatSetsItIsNotCached() throws IOException {
        String page = get(app.port(), "/products/tent");

        Matcher cookie = Pattern.compile("(?i)set-cookie: (arbor-csrf=[^\\r\\n]+)").matcher(page);
        assertTrue(cookie.find(), page);
        assertTrue(cookie.group(1).endsWith("; Path=/; HttpOnly; SameSite=Lax"), cookie.group(1));
        assertTrue(page.contains("cache-control: no-store"), page);

        // a request that brings a valid cookie keeps it: the same token, no new cookie
        Token token = token(app.port(), "/products/tent");
        String again = raw(app.port(), "GET /products/tent HTTP/1.1\r\nHost: localhost\r\nCookie: " + token.cookie()
                + "\r\nConnection: close\r\n\r\n");
        assertFalse(again.toLowerCase().contains("set-cookie"), again);
        assertTrue(again.contains("value=\"" + token.field() + "\""), again);
    }

    @Test
    void withoutCsrfProtectionAFormNeedsNoToken(Vertx vertx) throws IOException {
        try (App open = new App(vertx, Mode.PRODUCTION, b -> b.csrfProtection(false))) {
            String page = get(open.port(), "/products/tent");
            String answer = raw(open.port(), post("/products/tent/reviews", null,
                    "application/x-www-form-urlencoded", form("author", "A", "text", "Open")));

            assertFalse(page.contains("_csrf"), page);
            assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        }
    }

    // ---- bodies ----

    @Test
    void aMultipartFormWorksLikeAnUrlencodedOne() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token.field()
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"author\"\r\n\r\nZoë"
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nMultipart works"
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfile content\r\n--XyZ--\r\n";

        String answer = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "multipart/form-data; boundary=XyZ", body));

        assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        assertEquals(List.of("Zoë: Multipart works ([author, text])"), app.reviews);
    }

    @Test
    void malformedBodiesAnswer400() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String badEscape = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", "_csrf=" + token.field() + "&text=%ZZ"));
        String cutEscape = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", "_csrf=" + token.field() + "&text=%4"));
        String notUtf8 = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", "_csrf=" + token.field() + "&text=%FF%FE"));
        String badMultipart = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"));
        String noBoundary = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "multipart/form-data", "whatever"));
        String json = raw(app.port(), post("/products/tent/reviews", token.cookie(), "application/json", "{}"));

        for (String answer : List.of(badEscape, cutEscape, notUtf8, badMultipart, noBoundary)) {
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
        assertTrue(json.startsWith("HTTP/1.1 415 "), json);
        assertTrue(app.results.isEmpty());
        assertNothingLogged();
    }

    @Test
    void aFormOverTheLimitAnswers413() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String big = "x".repeat(5000);
        String declared = raw(app.port(), post("/products/tent/reviews", token.cookie(),
                "application/x-www-form-urlencoded", form("_csrf", token.field(), "text", big)));
        // chunked: no length to read first, counted as it arrives
        String chunk = form("_csrf", token.field(), "text", big);
        String chunked = raw(app.port(), "POST /products/tent/reviews HTTP/1.1\r\nHost: localhost\r\nCookie: "
                + token.cookie() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");

        assertTrue(declared.startsWith("HTTP/1.1 413 "), declared);
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertTrue(app.results.isEmpty());
        assertNothingLogged();
    }

    @Test
    void getAndHeadOnAnActionOnlyPathAnswer405WithAllow() throws IOException {
        String get = get(app.port(), "/products/tent/reviews");
        String head = raw(app.port(), "HEAD /products/tent/reviews HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertTrue(get.startsWith("HTTP/1.1 405 "), get);
        assertTrue(get.contains("allow: POST\r\n") || get.contains("Allow: POST\r\n"), get);
        assertTrue(head.startsWith("HTTP/1.1 405 "), head);
        assertTrue(head.toLowerCase().contains("allow: post\r\n"), head);
        assertNotNull(app.server);
        assertNothingLogged();
    }

    @Test
    void otherMethodsOnAnActionsPathAnswer405WithWhatItTakesNotTheNotFoundPage() throws IOException {
        // the app has a catch-all not-found route after its mounts, which must not answer for these
        String put = raw(app.port(), "PUT /same/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        String delete = raw(app.port(), "DELETE /products/tent/reviews HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        String patch = raw(app.port(), "PATCH /same/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        // the app's own PUT route, added after the mount, still answers
        assertTrue(put.startsWith("HTTP/1.1 200 "), put);
        assertTrue(put.contains("the app's own PUT"), put);
        assertTrue(patch.startsWith("HTTP/1.1 405 "), patch);
        assertTrue(patch.toLowerCase().contains("allow: get, head, post\r\n"), patch);
        assertTrue(patch.contains("This address does not take PATCH."), patch);
        assertTrue(delete.startsWith("HTTP/1.1 405 "), delete);
        assertTrue(delete.toLowerCase().contains("allow: post\r\n"), delete);
        assertTrue(app.results.isEmpty());
        assertNothingLogged();
    }

    @Test
    void withoutASecretTheHostWarnsOnceAndLoudly(Vertx vertx) {
        Csrf.forgetWarning();
        Renderer renderer = Renderer.builder().scheduler(new ManualScheduler()).build();
        ArborHost.builder(renderer).build();
        ArborHost.builder(renderer).build();
        ArborHost.builder(renderer).csrfSecret(SECRET).build();

        List<String> warnings = logs.records.stream().map(r -> r.getMessage()).collect(Collectors.toList());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("ARBOR CSRF: no csrfSecret configured"), warnings.get(0));
        logs.records.clear();
    }

    @Test
    void behindTlsTheCookieIsHostPrefixedAndSecureAndTheOriginHttps(Vertx vertx) throws IOException {
        try (App tls = new App(vertx, Mode.PRODUCTION, b -> b.csrfSecret(SECRET).secureCookies(true))) {
            String page = raw(tls.port(), "GET /products/tent HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n");
            Matcher cookie = Pattern.compile("(?i)set-cookie: (__Host-arbor-csrf=([^;\\r\\n]+)[^\\r\\n]*)").matcher(page);
            assertTrue(cookie.find(), page);
            assertTrue(cookie.group(1).endsWith("; Path=/; HttpOnly; SameSite=Lax; Secure"), cookie.group(1));
            String token = cookie.group(2);
            String body = form("_csrf", token, "author", "A", "text", "Secure");

            String plainOrigin = raw(tls.port(), post("/products/tent/reviews", "__Host-arbor-csrf=" + token,
                    "application/x-www-form-urlencoded", body, "Origin", "http://localhost"));
            String plainCookie = raw(tls.port(), post("/products/tent/reviews", "arbor-csrf=" + token,
                    "application/x-www-form-urlencoded", body));
            String accepted = raw(tls.port(), post("/products/tent/reviews", "__Host-arbor-csrf=" + token,
                    "application/x-www-form-urlencoded", body, "Origin", "https://localhost"));

            assertTrue(plainOrigin.startsWith("HTTP/1.1 403 "), plainOrigin);
            assertTrue(plainCookie.startsWith("HTTP/1.1 403 "), "an unprefixed cookie is not enough: " + plainCookie);
            assertTrue(accepted.startsWith("HTTP/1.1 303 "), accepted);
        }
    }

    @Test
    void aPageWithAFormIsNeverCachedEvenWhenItAsksToBe() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String page = raw(app.port(), "GET /cached-form HTTP/1.1\r\nHost: localhost\r\nCookie: " + token.cookie()
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(page.contains("value=\"" + token.field() + "\""), page);
        assertTrue(page.contains("cache-control: no-store"), "one user's token in a shared cache: " + page);
    }

    @Test
    void aClientThatLeavesWhileTheActionRunsIsNoErrorAndTheMutationStillEnds() throws Exception {
        Token token = token(app.port(), "/products/tent");
        byte[] request = post("/slow", token.cookie(), "application/x-www-form-urlencoded",
                form("_csrf", token.field(), "text", "slow")).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.getOutputStream().write(request);
            app.slowAction.get(StreamingResponse.TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } // gone before the answer
        app.slowResult.complete(ActionResult.redirect("/done"));

        assertNothingLogged();
        assertEquals(List.of(), app.reported);
    }

    @Test
    void aClientThatExpects100ContinueGetsItThenTheAnswer() throws IOException {
        Token token = token(app.port(), "/products/tent");
        byte[] body = form("_csrf", token.field(), "author", "Curl", "text", "Sent after 100").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout((int) StreamingResponse.TIMEOUT_SECONDS * 1000);
            socket.getOutputStream().write(("POST /products/tent/reviews HTTP/1.1\r\nHost: localhost\r\nCookie: "
                    + token.cookie() + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder interim = new StringBuilder();
            while (!interim.toString().endsWith("\r\n\r\n")) {
                interim.append((char) socket.getInputStream().read());
            }
            assertTrue(interim.toString().startsWith("HTTP/1.1 100 Continue"), interim.toString());
            socket.getOutputStream().write(body);
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 303 "), answer);
        }
        assertEquals(1, app.reviews.size());
    }

    @Test
    void aBrokenChunkedBodyIsAnsweredOrClosedNeverLeftHanging() throws IOException {
        Token token = token(app.port(), "/products/tent");
        String answer = raw(app.port(), "POST /products/tent/reviews HTTP/1.1\r\nHost: localhost\r\nCookie: "
                + token.cookie() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ-not-a-size\r\nabc\r\n0\r\n\r\n");

        // raw() returns when the server answers and closes, or closes without an answer; a hang times out
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(app.results.isEmpty());
        assertNothingLogged();
    }
}

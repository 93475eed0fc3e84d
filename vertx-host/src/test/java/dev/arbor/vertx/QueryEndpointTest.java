package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.Mode;
import dev.arbor.query.QueryKey;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /_arbor/query}, the endpoint behind {@code arbor.refetch(key)}. */
@ExtendWith(VertxExtension.class)
class QueryEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostFixture app;

    /** A finished response. */
    private record Answer(int status, MultiMap headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        /** The one query of a 200 answer. */
        JsonNode query() {
            JsonNode queries = json().get("queries");
            assertEquals(1, queries.size(), body);
            return queries.get(0);
        }
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void registeredKeyAnswersWithItsDehydratedState(Vertx vertx) {
        app = HostFixture.start(vertx);
        CompletableFuture<Answer> pending = get("[\"user\", 7]");
        StreamingResponse.join(app.gates.requested("user:7"));
        assertFalse(pending.isDone(), "answers once the query has settled");
        app.gates.release("user:7", "Ada");

        Answer answer = StreamingResponse.join(pending);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json; charset=utf-8", answer.headers().get("Content-Type"));
        assertEquals("no-store", answer.headers().get("Cache-Control"));
        assertEquals("nosniff", answer.headers().get("X-Content-Type-Options"));
        JsonNode query = answer.query();
        assertEquals("[\"user\",7]", query.get("queryKey").toString());
        assertEquals(QueryKey.of("user", 7).hash(), query.get("queryHash").asText());
        JsonNode state = query.get("state");
        assertEquals("success", state.get("status").asText());
        assertEquals("Ada", state.get("data").get("name").asText());
        assertEquals(7, state.get("data").get("id").asLong());
        assertTrue(state.get("dataUpdatedAt").asLong() > 0);
        assertTrue(state.get("error").isNull());
        assertTrue(query.get("dehydratedAt").asLong() > 0);
    }

    @Test
    void postWithAJsonBodyWorksLikeGet(Vertx vertx) {
        app = HostFixture.start(vertx);
        app.gates.release("user:8", "Grace");
        Answer answer = call(HttpMethod.POST, ArborHost.QUERY_ENDPOINT, "{\"key\":[\"user\",8]}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("Grace", answer.query().get("state").get("data").get("name").asText());
    }

    @Test
    void malformedKeysAnswer400WithAClearMessage(Vertx vertx) {
        app = HostFixture.start(vertx);
        Answer notJson = StreamingResponse.join(get("[\"user\""));
        assertEquals(400, notJson.status());
        assertEquals("application/json; charset=utf-8", notJson.headers().get("Content-Type"));
        assertTrue(notJson.json().get("error").asText()
                .startsWith("A query key must be a JSON array; not well-formed JSON"), notJson.body());

        Answer notAnArray = StreamingResponse.join(get("{\"user\":7}"));
        assertEquals(400, notAnArray.status());
        assertEquals("A query key must be a JSON array, got object", notAnArray.json().get("error").asText());

        Answer missing = call(HttpMethod.GET, ArborHost.QUERY_ENDPOINT, null);
        assertEquals(400, missing.status());
        assertTrue(missing.json().get("error").asText().startsWith("Missing the query key"), missing.body());

        Answer badBody = call(HttpMethod.POST, ArborHost.QUERY_ENDPOINT, "key=[\"user\",1]");
        assertEquals(400, badBody.status());
        assertTrue(badBody.json().get("error").asText().contains("{\"key\":[\"posts\"]}"), badBody.body());

        Answer badKeyInBody = call(HttpMethod.POST, ArborHost.QUERY_ENDPOINT, "{\"key\":\"user\"}");
        assertEquals(400, badKeyInBody.status());
        assertEquals("A query key must be a JSON array, got string", badKeyInBody.json().get("error").asText());

        assertFalse(app.gates.wasRequested("user:1"));
        assertTrue(app.reports.isEmpty(), "a client's mistake is no server error");
    }

    @Test
    void unregisteredNamesAnswer404WithoutListingTheRegisteredOnes(Vertx vertx) {
        app = HostFixture.start(vertx);
        Answer unknown = StreamingResponse.join(get("[\"admin\",\"users\"]"));
        assertEquals(404, unknown.status());
        assertEquals("No query is registered for [\"admin\",\"users\"]", unknown.json().get("error").asText());
        assertFalse(unknown.body().contains("user\","), "the registry's names stay private");

        Answer numeric = StreamingResponse.join(get("[7]"));
        assertEquals(404, numeric.status());
        Answer empty = StreamingResponse.join(get("[]"));
        assertEquals(404, empty.status());
        assertEquals("No query is registered for []", empty.json().get("error").asText());
    }

    @Test
    void argumentsThatDoNotFitATypedQueryAnswer400(Vertx vertx) {
        app = HostFixture.start(vertx);
        Answer mistyped = StreamingResponse.join(get("[\"user\", \"seven\"]"));
        assertEquals(400, mistyped.status(), mistyped.body());
        assertEquals("The argument of query 'user' must be a Long, got \"seven\"", mistyped.json().get("error").asText());

        Answer missing = StreamingResponse.join(get("[\"user\"]"));
        assertEquals(400, missing.status(), missing.body());
        assertEquals("The query 'user' takes one argument of type Long: its key is [\"user\", argument], got [\"user\"]",
                missing.json().get("error").asText());
        assertTrue(app.reports.isEmpty(), "a client's mistake is not a server error");
    }

    @Test
    void otherMethodsAnswer405(Vertx vertx) {
        app = HostFixture.start(vertx);
        Answer put = call(HttpMethod.PUT, ArborHost.QUERY_ENDPOINT + "?key=%5B%22user%22%2C1%5D", "");
        assertEquals(405, put.status());
        assertEquals("GET, POST", put.headers().get("Allow"));
        assertFalse(app.gates.wasRequested("user:1"));
    }

    @Test
    void oversizedBodiesAnswer413(Vertx vertx) {
        app = HostFixture.start(vertx);
        String body = "{\"key\":[\"user\",1],\"pad\":\"" + "x".repeat(QueryEndpoint.MAX_BODY_BYTES) + "\"}";
        Answer answer = call(HttpMethod.POST, ArborHost.QUERY_ENDPOINT, body);
        assertEquals(413, answer.status());
        assertFalse(app.gates.wasRequested("user:1"));
    }

    @Test
    void failedQueryAnswers200WithItsErrorRedactedInProduction(Vertx vertx) {
        app = HostFixture.start(vertx);
        CompletableFuture<Answer> pending = get("[\"gated\"]");
        StreamingResponse.join(app.gates.requested("gated"));
        app.gates.fail("gated", new IllegalStateException("secret query detail"));

        Answer answer = StreamingResponse.join(pending);
        assertEquals(200, answer.status(), answer.body());
        JsonNode state = answer.query().get("state");
        assertEquals("error", state.get("status").asText());
        assertEquals("redacted", state.get("error").get("message").asText());
        assertFalse(answer.body().contains("secret"), answer.body());
        assertFalse(answer.body().contains("IllegalStateException"), answer.body());
        assertFalse(state.has("data"));

        String digest = state.get("error").get("digest").asText();
        assertEquals(1, app.reports.size());
        assertEquals(digest, app.reports.get(0).digest);
        assertEquals("secret query detail", app.reports.get(0).error.getMessage());
    }

    @Test
    void queryFunctionThatThrowsIsAFailedQueryToo(Vertx vertx) {
        app = HostFixture.start(vertx);
        Answer answer = StreamingResponse.join(get("[\"throws\"]"));
        assertEquals(200, answer.status());
        assertEquals("redacted", answer.query().get("state").get("error").get("message").asText());
        assertFalse(answer.body().contains("secret"), answer.body());
        assertEquals(1, app.reports.size());
    }

    @Test
    void failedQueryShowsItsMessageInDevelopment(Vertx vertx) {
        app = HostFixture.start(vertx, Mode.DEVELOPMENT, b -> { });
        Answer answer = StreamingResponse.join(get("[\"throws\"]"));
        JsonNode error = answer.query().get("state").get("error");
        assertEquals("secret thrown detail", error.get("message").asText());
        assertEquals("IllegalStateException", error.get("name").asText());
        assertEquals(app.reports.get(0).digest, error.get("digest").asText());
    }

    @Test
    void concurrentRequestsEachGetOnlyTheirOwnQuery(Vertx vertx) {
        app = HostFixture.start(vertx);
        CompletableFuture<Answer> first = get("[\"user\",1]");
        CompletableFuture<Answer> second = get("[\"user\",2]");
        StreamingResponse.join(app.gates.requested("user:1"));
        StreamingResponse.join(app.gates.requested("user:2"));

        app.gates.release("user:2", "Bob"); // the later request settles first
        Answer two = StreamingResponse.join(second);
        assertFalse(first.isDone());
        app.gates.release("user:1", "Alice");
        Answer one = StreamingResponse.join(first);

        assertEquals("[\"user\",1]", one.query().get("queryKey").toString());
        assertEquals("Alice", one.query().get("state").get("data").get("name").asText());
        assertEquals("[\"user\",2]", two.query().get("queryKey").toString());
        assertEquals("Bob", two.query().get("state").get("data").get("name").asText());
        assertFalse(one.body().contains("Bob"), one.body());
        assertFalse(two.body().contains("Alice"), two.body());

        // A third request runs the query again with a client of its own: nothing was kept.
        CompletableFuture<Answer> again = get("[\"user\",1]");
        Answer third = StreamingResponse.join(again);
        assertEquals(1, third.json().get("queries").size());
        assertTrue(third.query().get("state").get("dataUpdatedAt").asLong()
                >= one.query().get("state").get("dataUpdatedAt").asLong());
    }

    @Test
    void dataThatCannotBeSerializedAnswers500WithADigest(Vertx vertx) {
        app = HostFixture.start(vertx);
        Answer answer = StreamingResponse.join(get("[\"opaque\"]"));
        assertEquals(500, answer.status());
        String digest = answer.json().get("digest").asText();
        assertEquals("Something went wrong (error " + digest + ").", answer.json().get("error").asText());
        assertEquals(digest, app.reports.get(0).digest);
    }

    @Test
    void queryThatOutlivesTheDeadlineAnswers504(Vertx vertx) {
        app = HostFixture.start(vertx);
        CompletableFuture<Answer> pending = get("[\"gated\"]");
        StreamingResponse.join(app.gates.requested("gated"));
        app.scheduler.fireAll();

        Answer answer = StreamingResponse.join(pending);
        assertEquals(504, answer.status());
        assertTrue(answer.json().get("error").asText().contains(answer.json().get("digest").asText()));
        assertTrue(app.gates.latest("gated").isCancelled(), "the query's source is cancelled at the deadline");
        assertEquals(1, app.reports.size());
    }

    @Test
    void aClientThatGoesAwayCancelsTheQuerysSourceAndLogsNothing(Vertx vertx) throws Exception {
        app = HostFixture.start(vertx);
        try (LogCapture logs = new LogCapture()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            try (java.net.Socket socket = new java.net.Socket("localhost", app.port())) {
                socket.getOutputStream().write(("GET " + ArborHost.QUERY_ENDPOINT + "?key=%5B%22gated%22%5D HTTP/1.1\r\n"
                        + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                StreamingResponse.join(app.gates.requested("gated"));
                app.gates.latest("gated").whenComplete((v, e) -> outcome.complete(e));
            }

            assertInstanceOf(java.util.concurrent.CancellationException.class, StreamingResponse.join(outcome));
            app.get("/no-such-page").body(); // the server's event loop is past the disconnect
            assertTrue(app.reports.isEmpty(), "a client going away is no error: " + app.reports);
            assertTrue(logs.records.isEmpty(), "nothing logged: " + logs.records);
        }
    }

    // ---- HTTP ----

    private CompletableFuture<Answer> get(String keyJson) {
        return send(HttpMethod.GET, ArborHost.QUERY_ENDPOINT + "?key="
                + URLEncoder.encode(keyJson, StandardCharsets.UTF_8), null);
    }

    private Answer call(HttpMethod method, String uri, String body) {
        return StreamingResponse.join(send(method, uri, body));
    }

    private CompletableFuture<Answer> send(HttpMethod method, String uri, String body) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        app.vertx.getOrCreateContext().runOnContext(v -> app.client.request(method, app.port(), "localhost", uri)
                .compose(request -> (body == null ? request.send() : request.send(Buffer.buffer(body)))
                        .compose((HttpClientResponse response) -> response.body().map(b ->
                                new Answer(response.statusCode(), response.headers(), b.toString()))))
                .onSuccess(result::complete)
                .onFailure(result::completeExceptionally));
        return result;
    }
}

package dev.arbor.vertx;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.div;
import static j2html.TagCreator.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.Renderer;
import dev.arbor.query.QueryDefinition;
import dev.arbor.query.QueryKey;
import dev.arbor.testing.ManualScheduler;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** PageRequest.streamQueries(): a page's queries reach the browser's cache with no hydration boundary. */
class StreamedQueriesTest {
    private final Renderer renderer = Renderer.builder().scheduler(new ManualScheduler())
            .errorReporter((digest, error) -> { }).build();
    private final PageTester tester = PageTester.of(ArborHost.builder(renderer).build());
    private final CompletableFuture<String> user = new CompletableFuture<>();
    private final CompletableFuture<Integer> cart = new CompletableFuture<>();
    private final QueryDefinition<Long, String> userQuery = QueryDefinition.of("user", Long.class, id -> user);
    private final QueryDefinition<Void, Integer> cartQuery = QueryDefinition.of("cart", () -> cart);

    private Page<Void> page(boolean stream) {
        return Page.of(req -> {
            if (stream) {
                req.streamQueries();
            }
            req.queryClient().prefetchQuery(cartQuery.options());              // started, never awaited
            return div(suspense(p("…"), async(req.queryClient().fetchQuery(userQuery.options(7L)), name -> p(name))));
        });
    }

    @Test
    void aPageThatStreamsItsQueriesSendsEachOneWhenItSettles() {
        PageTester.Response response = tester.get(page(true), "/account");
        user.complete("Ada");
        assertEquals("Ada", response.replay().queryCache().get(QueryKey.of("user", 7).hash()).get("data").asText());
        assertFalse(response.isEnded(), "the cart is still on its way");

        cart.completeExceptionally(new IllegalStateException("cart db password=hunter2"));
        assertTrue(response.isEnded());
        var state = response.replay().queryCache().get(QueryKey.of("cart").hash());
        assertEquals("error", state.get("status").asText());
        assertEquals("redacted", state.get("error").get("message").asText(), "production: redacted");
        assertFalse(response.body().contains("hunter2"));
    }

    @Test
    void withoutItThePageSendsNoQuery() {
        PageTester.Response response = tester.get(page(false), "/account");
        user.complete("Ada");
        assertTrue(response.isEnded(), "nothing waits for the cart");
        assertTrue(response.replay().queryCache().isEmpty());
    }
}

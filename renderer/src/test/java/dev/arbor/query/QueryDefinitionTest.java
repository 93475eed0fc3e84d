package dev.arbor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QueryDefinitionTest {
    record Comment(String author, String text) {
    }

    record Page(String tag, int number, LocalDate since) {
    }

    private final List<Object> arguments = new ArrayList<>();

    private final QueryDefinition<Long, List<Comment>> comments = QueryDefinition.of("comments", Long.class, postId -> {
        arguments.add(postId);
        return CompletableFuture.completedFuture(List.of(new Comment("Ada", "on post " + postId)));
    });

    private final QueryDefinition<Void, Integer> stats =
            QueryDefinition.of("stats", () -> CompletableFuture.completedFuture(42));

    @Test
    void aQueryWithAnArgumentIsKeyedByNameAndArgumentAndGivesTypedData() {
        assertEquals(QueryKey.of("comments", 7), comments.key(7L));
        QueryClient client = QueryClient.create();

        List<Comment> list = client.fetchQuery(comments.options(7L)).toCompletableFuture().join();

        assertEquals("on post 7", list.get(0).text()); // no cast: the data is typed
        assertEquals(List.of(7L), arguments);
        assertEquals(list, client.<List<Comment>>getQueryData(QueryKey.of("comments", 7)).orElseThrow());
    }

    @Test
    void aQueryWithoutAnArgumentIsKeyedByItsName() {
        assertEquals(QueryKey.of("stats"), stats.key());
        int value = QueryClient.create().fetchQuery(stats.options()).toCompletableFuture().join();
        assertEquals(42, value);
        assertThrows(IllegalStateException.class, () -> stats.key(null));
        assertThrows(IllegalStateException.class, comments::options);
        assertFalse(stats.hasArgument());
        assertTrue(comments.hasArgument());
    }

    @Test
    void theRegistryReadsATypedArgumentBackFromAClientsKey() {
        List<Page> seen = new ArrayList<>();
        QueryDefinition<Page, String> posts = QueryDefinition.of("posts", Page.class, page -> {
            seen.add(page);
            return CompletableFuture.completedFuture(page.tag() + "#" + page.number());
        });
        QueryRegistry registry = new QueryRegistry().register(posts).register(comments);
        Page page = new Page("alps", 2, LocalDate.of(2026, 1, 31));

        // the key as the client sends it back: JSON, fields in any order
        QueryKey fromClient = QueryKey.parse("[\"posts\",{\"since\":\"2026-01-31\",\"number\":2,\"tag\":\"alps\"}]");
        assertEquals(posts.key(page), fromClient);
        Object data = QueryClient.create().fetchQuery(registry.options(fromClient)).toCompletableFuture().join();

        assertEquals("alps#2", data);
        assertEquals(List.of(page), seen);
    }

    @Test
    void genericArgumentsAreReadWithTheirFullType() {
        QueryDefinition<List<Long>, Integer> sum = QueryDefinition.of("sum", new TypeReference<List<Long>>() { },
                ids -> CompletableFuture.completedFuture(ids.stream().mapToInt(Long::intValue).sum()));
        QueryOptions<Object> options = new QueryRegistry().register(sum).options(QueryKey.parse("[\"sum\",[1,2,3]]"));
        assertEquals(6, QueryClient.create().fetchQuery(options).toCompletableFuture().join());
    }

    @Test
    void keysThatDoNotFitTheDefinitionAreRejectedWithAClearMessage() {
        QueryRegistry registry = new QueryRegistry().register(comments).register(stats);

        IllegalArgumentException mistyped = assertThrows(IllegalArgumentException.class,
                () -> registry.find(QueryKey.of("comments", Map.of("id", 1))));
        assertEquals("The argument of query 'comments' must be a Long, got {\"id\":1}", mistyped.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> registry.find(QueryKey.of("comments")));
        assertEquals("The query 'comments' takes one argument of type Long: its key is [\"comments\", argument],"
                + " got [\"comments\"]", missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> registry.find(QueryKey.of("stats", 1)));
        assertEquals("The query 'stats' takes no argument: its key is [\"stats\"], got [\"stats\",1]", extra.getMessage());
        assertTrue(registry.find(QueryKey.of("orders")).isEmpty(), "an unknown name is not the client's mistake to explain");
        assertTrue(arguments.isEmpty(), "no query function ran");
    }

    @Test
    void theStaleTimeReachesEveryOptionsItMakes() {
        QueryDefinition<Long, List<Comment>> cached = comments.staleTime(Duration.ofMinutes(1));
        assertEquals(Duration.ofMinutes(1), cached.options(1L).staleTime().orElseThrow());
        assertEquals(Duration.ofMinutes(1), cached.optionsFor(QueryKey.of("comments", 1)).staleTime().orElseThrow());
        assertTrue(comments.options(1L).staleTime().isEmpty());
    }

    @Test
    void twoDefinitionsCannotShareAName() {
        QueryRegistry registry = new QueryRegistry().register(comments);
        assertThrows(IllegalArgumentException.class, () -> registry.register(QueryDefinition.of("comments",
                () -> CompletableFuture.completedFuture(0))));
    }
}

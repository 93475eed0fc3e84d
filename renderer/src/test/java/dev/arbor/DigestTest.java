package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import j2html.tags.DomContent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Digests name errors for the client: random by default, configurable for tests and operators. */
class DigestTest {
    private final Map<String, Throwable> reported = new ConcurrentHashMap<>();

    private static DomContent failingPage(CompletableFuture<String> stock) {
        return html(body(h1("Lamp"),
                errorBoundary(e -> p("Stock unavailable (" + e.digest() + ")").withClass("error"),
                        suspense(p("checking stock"), async(stock, s -> p(s)))),
                suspense(p("loading"), component(() -> {
                    throw new IllegalStateException("no reviews");
                }))));
    }

    private static String streamFailing(Renderer renderer) {
        CompletableFuture<String> stock = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        renderer.stream(failingPage(stock), sink);
        stock.completeExceptionally(new IllegalStateException("inventory down"));
        assertTrue(sink.isEnded());
        return sink.html();
    }

    @Test
    void withAFixedDigestTwoRendersOfAFailingPageAreEqual() {
        Renderer renderer = Renderer.builder()
                .digest(error -> "e-" + error.getMessage().replace(' ', '-'))
                .errorReporter(reported::put)
                .build();

        String first = streamFailing(renderer);
        String second = streamFailing(renderer);

        assertEquals(first, second);
        assertTrue(first.contains("Stock unavailable (e-inventory-down)"), first);
        assertTrue(first.contains("data-digest=\"e-no-reviews\""), first);
        assertEquals(Set.of("e-inventory-down", "e-no-reviews"), reported.keySet(), "reported under the same digests");
        assertEquals("e-inventory-down", renderer.report(new IllegalStateException("inventory down")).digest(),
                "hosts' own errors too");
    }

    @Test
    void byDefaultEveryErrorGetsANewUnguessableDigest() {
        Renderer renderer = Renderer.builder().errorReporter(reported::put).build();
        assertNotEquals(streamFailing(renderer), streamFailing(renderer));
        Set<String> digests = new HashSet<>(reported.keySet());
        for (int i = 0; i < 1000; i++) {
            digests.add(renderer.report(new RuntimeException()).digest());
        }
        assertEquals(1004, digests.size(), "no two alike");
        digests.forEach(d -> assertTrue(d.matches("[0-9a-z]{1,13}"), d));
        assertTrue(digests.stream().mapToInt(String::length).average().orElse(0) > 11, "64 random bits each");
    }

    @Test
    void aDigestFunctionThatFailsFallsBackToARandomDigest() {
        Renderer renderer = Renderer.builder().errorReporter(reported::put).digest(error -> {
            throw new IllegalArgumentException("broken digest function");
        }).build();
        String html = streamFailing(renderer);
        assertEquals(2, reported.size());
        reported.keySet().forEach(d -> assertTrue(html.contains(d), d));
        Renderer empty = Renderer.builder().digest(error -> "").errorReporter((d, e) -> { }).build();
        assertFalse(empty.report(new RuntimeException()).digest().isEmpty());
    }
}

package dev.arbor.testing;

import static dev.arbor.Arbor.async;
import static dev.arbor.Arbor.suspense;
import static j2html.TagCreator.body;
import static j2html.TagCreator.html;
import static j2html.TagCreator.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arbor.RenderOptions;
import dev.arbor.Renderer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatesTest {
    private final Gates gates = new Gates();

    @Test
    void aLoadWaitsForItsGateAndGetsTheValueTheTestReleasesItWith() {
        CompletableFuture<String> stock = gates.load("stock");
        CompletableFuture<String> other = gates.load("other");
        assertFalse(stock.isDone());

        gates.release("stock", "3");
        assertEquals("3", stock.join());
        assertFalse(other.isDone(), "each gate opens on its own");
    }

    @Test
    void aReleasedGateStaysReleasedForLaterLoads() {
        gates.release("stock", "3");
        assertEquals("3", gates.<String>load("stock").join(), "a second request gets it at once");
    }

    @Test
    void aLoadWithItsOwnValueComputesItWhenTheGateOpensAndWhatItThrowsFailsTheStage() {
        AtomicInteger computed = new AtomicInteger();
        CompletableFuture<Integer> orders = gates.load("orders", computed::incrementAndGet);
        CompletableFuture<Integer> broken = gates.load("orders", () -> {
            throw new IllegalStateException("backend down");
        });
        assertEquals(0, computed.get(), "nothing is computed before the gate opens");

        gates.release("orders");
        assertEquals(1, orders.join());
        CompletionException e = assertThrows(CompletionException.class, broken::join);
        assertEquals("backend down", e.getCause().getMessage());
    }

    @Test
    void aFailedGateFailsEveryLoadPendingAndToCome() {
        CompletableFuture<String> before = gates.load("shell");
        IllegalStateException error = new IllegalStateException("down");
        gates.fail("shell", error);
        assertSame(error, assertThrows(CompletionException.class, before::join).getCause());
        assertSame(error, assertThrows(CompletionException.class, () -> gates.load("shell").join()).getCause());
    }

    @Test
    void releaseAllOpensEveryGateNowAndLater() {
        CompletableFuture<String> a = gates.load("a", () -> "A");
        gates.releaseAll();
        assertEquals("A", a.join());
        assertEquals("B", gates.load("b", () -> "B").join());
        assertEquals(null, gates.load("c").join(), "a load without a value of its own gets null");
    }

    @Test
    void everyLoadHasItsOwnStageSoCancellingOneLeavesTheOthers() {
        CompletableFuture<String> first = gates.load("posts", () -> "p");
        CompletableFuture<String> second = gates.load("posts", () -> "p");
        assertSame(second, gates.latest("posts"));

        first.cancel(false); // the first client went away
        gates.release("posts");
        assertTrue(first.isCancelled());
        assertEquals("p", second.join());
    }

    @Test
    void aTestCanWaitUntilASourceWasAskedFor() {
        CompletableFuture<Void> requested = gates.requested("layout");
        assertFalse(gates.wasRequested("layout"));
        assertThrows(IllegalStateException.class, () -> gates.latest("layout"));

        gates.load("layout");
        assertTrue(requested.isDone());
        assertTrue(gates.wasRequested("layout"));
    }

    @Test
    void resetClosesEveryGateAndForgetsEveryLoad() {
        gates.release("a", "1");
        gates.load("a");
        gates.reset();
        assertFalse(gates.wasRequested("a"));
        assertFalse(gates.load("a").isDone(), "the gate is closed again");
    }

    @Test
    void itDecidesWhenABoundaryStreams() {
        RecordingSink sink = new RecordingSink();
        Renderer.builder().scheduler(new ManualScheduler()).build().stream(
                html(body(suspense(p("Checking stock…"), async(gates.<String>load("stock"), n -> p(n + " left"))))),
                RenderOptions.defaults(), sink);
        assertEquals(1, sink.chunks().size(), "the shell, with the fallback");

        gates.release("stock", "3");
        assertTrue(sink.isEnded());
        assertEquals(List.of("3 left"), StreamReplay.of(sink).document().select("p").eachText());
    }
}

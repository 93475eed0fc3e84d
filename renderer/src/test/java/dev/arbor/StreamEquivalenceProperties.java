package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jsoup.nodes.Document;

/**
 * Generated trees, generated resolution orders: the stream must always end and, replayed, give the
 * document that the blocking render gives; a deadline or an abort must leave no stage running.
 *
 * <p>A tree is generated as a {@link Node spec} (tags, text with characters that need escaping,
 * async nodes that succeed with a subtree, fail, or whose view throws, {@code suspense},
 * {@code await(defer(...))} and {@code errorBoundary}, nested up to depth 4) and turned into a real
 * Arbor tree by one builder, {@link World#page()}, with fresh futures for each render. Async ids are
 * numbered after generation; the scenario adds a permutation of the ids (the order in which the
 * test completes them), a subset completed before the render starts, and a cut (how many of the
 * order complete before a deadline or an abort).
 *
 * <p>Digests: error boundaries here render {@code p("failed")}, never the digest; Suspense
 * boundaries without an error boundary above them show the default error view, which carries a
 * random digest, so {@link #normalized} replaces digests with {@code #} before comparing. Both
 * error paths are therefore generated.
 *
 * <p>Futures are {@link TrackedFuture}s, which note whether the renderer subscribed to them (it
 * does exactly for async nodes it reached while their stage was pending). A future the renderer
 * never reached (inside content that was never rendered, or after a sibling that failed first)
 * is not the renderer's to cancel; every future it did reach must be done after a deadline or an
 * abort.
 */
class StreamEquivalenceProperties {

    // ---- the spec ----

    sealed interface Node permits Text, Tag, Async, Suspense, Catch {
    }

    enum Kind { DIV, SECTION, UL, P }

    enum Outcome { OK, FAIL, THROW }

    record Text(String text) implements Node {
    }

    record Tag(Kind kind, String text, List<Node> children) implements Node {
    }

    /** An async node ({@code deferred}: {@code await(defer(f), fallback, view)}). */
    record Async(int id, boolean deferred, Outcome outcome, String value, List<Node> children) implements Node {
    }

    record Suspense(String fallback, List<Node> children) implements Node {
    }

    /** {@code errorBoundary(e -> p("failed"), children...)}. */
    record Catch(List<Node> children) implements Node {
    }

    record Scenario(List<Node> body, List<Integer> order, Set<Integer> early, int cut) {
        @Override
        public String toString() {
            return "Scenario[body=" + body + ", order=" + order + ", early=" + early + ", cut=" + cut + "]";
        }
    }

    // ---- generators ----

    private static final int MAX_NODES = 45;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return node(3).list().ofMinSize(1).ofMaxSize(5).withSizeDistribution(RandomDistribution.uniform())
                .map(StreamEquivalenceProperties::numbered)
                .filter(body -> count(body) <= MAX_NODES)
                .flatMap(body -> {
                    List<Integer> ids = IntStream.range(0, asyncs(body).size()).boxed().collect(Collectors.toList());
                    return Combinators.combine(
                            Arbitraries.shuffle(ids),
                            Arbitraries.subsetOf(ids).map(s -> (Set<Integer>) new HashSet<>(s)),
                            Arbitraries.integers().between(0, ids.size()))
                            .as((order, early, cut) -> new Scenario(body, order, early, cut));
                });
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.of("a", "b", " ", "<", ">", "&", "\"", "'", "&amp;", "é", "中", "😀", "\u2028",
                "</script>", "<!--", "-->", "<!--$0-->", "<!--/$-->", "$a([0])").list().ofMaxSize(5).map(l -> String.join("", l));
    }

    /** A node of depth at most {@code depth} (a body child at depth 3 makes a page of depth 4 below body). */
    private static Arbitrary<Node> node(int depth) {
        Arbitrary<Outcome> outcomes = Arbitraries.frequency(
                Tuple.of(6, Outcome.OK), Tuple.of(2, Outcome.FAIL), Tuple.of(1, Outcome.THROW));
        Arbitrary<Node> text = texts().map(Text::new);
        Arbitrary<Node> para = texts().map(t -> new Tag(Kind.P, t, List.of()));
        Arbitrary<Node> leafAsync = Combinators.combine(Arbitraries.of(false, true), outcomes, texts())
                .as((d, o, v) -> new Async(-1, d, o, v, List.of()));
        Arbitrary<Node> leaf = Arbitraries.frequencyOf(Tuple.of(3, text), Tuple.of(2, para), Tuple.of(4, leafAsync));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<Node>> kids = Arbitraries.lazy(() -> node(depth - 1)).list().ofMaxSize(4)
                .withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<Node> tag = Combinators.combine(Arbitraries.of(Kind.DIV, Kind.SECTION, Kind.UL), texts(), kids)
                .as(Tag::new);
        Arbitrary<Node> async = Combinators.combine(Arbitraries.of(false, true), outcomes, texts(), kids)
                .as((d, o, v, k) -> new Async(-1, d, o, v, k));
        Arbitrary<Node> suspense = Combinators.combine(texts(), kids).as(Suspense::new);
        Arbitrary<Node> boundary = kids.map(Catch::new);
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(2, tag), Tuple.of(4, async),
                Tuple.of(3, suspense), Tuple.of(2, boundary));
    }

    /** Gives the async nodes ids 0, 1, ... in document order. */
    static List<Node> numbered(List<Node> body) {
        int[] next = {0};
        return renumber(body, next);
    }

    private static List<Node> renumber(List<Node> nodes, int[] next) {
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            if (n instanceof Tag t) {
                out.add(new Tag(t.kind(), t.text(), renumber(t.children(), next)));
            } else if (n instanceof Async a) {
                int id = next[0]++;
                out.add(new Async(id, a.deferred(), a.outcome(), a.value(), renumber(a.children(), next)));
            } else if (n instanceof Suspense s) {
                out.add(new Suspense(s.fallback(), renumber(s.children(), next)));
            } else if (n instanceof Catch c) {
                out.add(new Catch(renumber(c.children(), next)));
            } else {
                out.add(n);
            }
        }
        return out;
    }

    static int count(List<Node> nodes) {
        int n = 0;
        for (Node node : nodes) {
            n += 1 + count(children(node));
        }
        return n;
    }

    static List<Node> children(Node n) {
        if (n instanceof Tag t) {
            return t.children();
        } else if (n instanceof Async a) {
            return a.children();
        } else if (n instanceof Suspense s) {
            return s.children();
        } else if (n instanceof Catch c) {
            return c.children();
        }
        return List.of();
    }

    static List<Async> asyncs(List<Node> nodes) {
        List<Async> out = new ArrayList<>();
        collectAsyncs(nodes, out);
        return out;
    }

    private static void collectAsyncs(List<Node> nodes, List<Async> out) {
        for (Node n : nodes) {
            if (n instanceof Async a) {
                out.add(a);
            }
            collectAsyncs(children(n), out);
        }
    }

    /**
     * True when a failing async node is reachable with no boundary above it: the render must fail
     * before the shell. (Ancestors of a reachable node are successful async nodes and tags.)
     */
    static boolean fatal(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof Async a) {
                if (a.deferred()) {
                    continue; // await is a boundary of its own
                }
                if (a.outcome() != Outcome.OK || fatal(a.children())) {
                    return true;
                }
            } else if (n instanceof Tag t && fatal(t.children())) {
                return true;
            }
        }
        return false;
    }

    // ---- building the real tree ----

    /** A future that notes whether anyone (the renderer) subscribed to it. */
    static final class TrackedFuture extends CompletableFuture<String> {
        volatile boolean observed;

        @Override
        public CompletableFuture<String> whenComplete(BiConsumer<? super String, ? super Throwable> action) {
            observed = true;
            return super.whenComplete(action);
        }
    }

    /** One render's futures and the tree built over them. */
    static final class World {
        final List<Node> body;
        final Map<Integer, Async> specs = new LinkedHashMap<>();
        final Map<Integer, TrackedFuture> futures = new LinkedHashMap<>();
        final Set<Integer> settled = new HashSet<>();

        World(List<Node> body) {
            this.body = body;
            for (Async a : asyncs(body)) {
                specs.put(a.id(), a);
                futures.put(a.id(), new TrackedFuture());
            }
        }

        DomContent page() {
            return html(head(title("props")), body(build(body)));
        }

        private DomContent[] build(List<Node> nodes) {
            return nodes.stream().map(this::build).toArray(DomContent[]::new);
        }

        private DomContent build(Node n) {
            if (n instanceof Text t) {
                return text(t.text());
            }
            if (n instanceof Tag t) {
                switch (t.kind()) {
                    case P:
                        return p(t.text());
                    case UL:
                        return ul(t.children().stream().map(c -> li(build(c))).toArray(DomContent[]::new))
                                .attr("title", t.text());
                    case SECTION:
                        return section(text(t.text())).with(build(t.children())).attr("title", t.text());
                    default:
                        return div(text(t.text())).with(build(t.children())).attr("title", t.text());
                }
            }
            if (n instanceof Async a) {
                TrackedFuture f = futures.get(a.id());
                java.util.function.Function<String, DomContent> view = v -> {
                    if (a.outcome() == Outcome.THROW) {
                        throw new IllegalStateException("view " + a.id() + " throws");
                    }
                    DomContent[] kids = build(a.children());
                    if (a.id() % 2 == 0) {
                        return div(text(v)).with(kids).withData("async", Integer.toString(a.id()));
                    }
                    List<DomContent> all = new ArrayList<>();
                    all.add(text(v));
                    all.addAll(List.of(kids));
                    return each(all, c -> c); // a fragment: text and holes side by side
                };
                return a.deferred() ? await(defer(f), p("awaiting " + a.id()).withClass("fb"), view)
                        : async(f, view);
            }
            if (n instanceof Suspense s) {
                return suspense(p(s.fallback()).withClass("fb"), build(s.children()));
            }
            Catch c = (Catch) n;
            return errorBoundary(e -> p("failed").withClass("caught"), build(c.children()));
        }

        /** Completes a future as its spec says. */
        void settle(int id) {
            settled.add(id);
            Async a = specs.get(id);
            TrackedFuture f = futures.get(id);
            if (a.outcome() == Outcome.FAIL) {
                f.completeExceptionally(new IllegalStateException("stage " + id + " fails"));
            } else {
                f.complete(a.value()); // THROW completes normally; its view throws
            }
        }
    }

    // ---- helpers ----

    /** Digests are random per render: compare documents with every digest replaced by {@code #}. */
    static String normalized(String html) {
        return html.replaceAll("data-digest=\"[^\"]*\"", "data-digest=\"#\"")
                .replaceAll("\\(error [0-9a-z]+\\)", "(error #)");
    }

    /** Streams the scenario: early futures first, then the render, then {@code n} of the order. */
    private static final class Run {
        final Fixtures f = new Fixtures();
        final World world;
        final RecordingSink sink = new RecordingSink();
        final RenderHandle handle;

        Run(Scenario s) {
            world = new World(s.body());
            s.early().forEach(world::settle);
            handle = f.renderer.stream(world.page(), Fixtures.releasing(sink));
        }

        void complete(List<Integer> ids) {
            ids.forEach(world::settle);
        }
    }

    /** The blocking render of the same spec with futures completed the same way; null when it failed. */
    private static String blocking(Scenario s, int n, boolean fireDeadline) {
        Fixtures f = new Fixtures();
        World world = new World(s.body());
        s.early().forEach(world::settle);
        CompletableFuture<String> result = f.renderer.renderToString(world.page()).toCompletableFuture();
        s.order().subList(0, n).forEach(world::settle);
        if (fireDeadline) {
            f.scheduler.fireAll();
        }
        assertTrue(result.isDone(), "the blocking render finished");
        try {
            return normalized(StreamReplay.normalized(result.join()));
        } catch (CompletionException | CancellationException e) {
            return null;
        }
    }

    // ---- a renderer bug the properties found (minimal reproducers, shrunk by hand from jqwik's samples) ----

    /*
     * BUG (renderer, not the test): when content rendered for a completed async node contains an
     * error boundary that fails synchronously (a stage already failed, or a component throws), the
     * enclosing boundary is marked complete while the rest of that content is still being rendered.
     * RenderRequest.failScope calls checkComplete(owner); in onSettled the task's pending count was
     * already decremented and the owner is already `rendered`, so a pending async node *after* the
     * error boundary (not yet tracked) does not hold the boundary open. Result: the boundary (or the
     * shell) is flushed with an empty hole, the stream ends, and the late content is lost for good.
     * renderToString is unaffected (it also waits for `live` to be empty), so the documents differ.
     * Properties a and b hit this now and then at 200 tries (a: missing content; b: the stream ends
     * where the blocking render fails, because an async node outside every boundary was pending at
     * the deadline). Suggested fix: in onSettled, decrement task.boundary.pending after rendering
     * the value rather than before (checked in a scratch copy: these examples and 20,000 samples per
     * property pass, and the existing tests stay green). Both examples fail until that is fixed.
     */

    private static DomContent failsAtOnce() {
        return errorBoundary(e -> p("failed"), component(() -> {
            throw new IllegalStateException("boom");
        }));
    }

    @Example
    void bugShellWaitsForAsyncAfterAFailedErrorBoundaryInStreamedContent() {
        Fixtures f = new Fixtures();
        CompletableFuture<String> outer = new CompletableFuture<>();
        CompletableFuture<String> late = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(
                async(outer, v -> div(failsAtOnce(), async(late, w -> span(w)))))));
        outer.complete("x");
        // today: the shell "<!DOCTYPE html><html><body><div><p>failed</p></div></body></html>" goes
        // out at once, the stream ends and `late` is cancelled
        assertTrue(sink.chunks().isEmpty(), "the shell waits for `late`, which is outside every boundary");
        assertFalse(late.isCancelled(), "`late` is still awaited");
        late.complete("late");
        assertTrue(sink.isEnded());
        assertEquals(List.of("late"), StreamReplay.of(sink).document().select("span").eachText());
    }

    @Example
    void bugSuspenseWaitsForAsyncAfterAFailedErrorBoundaryInStreamedContent() {
        Fixtures f = new Fixtures();
        CompletableFuture<String> outer = new CompletableFuture<>();
        CompletableFuture<String> late = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(suspense(p("loading"),
                async(outer, v -> div(failsAtOnce(), async(late, w -> span(w))))))));
        outer.complete("x");
        // today: the boundary's content "<div><p>failed</p></div>" is swapped in with an empty hole,
        // the stream ends and `late` is cancelled
        assertEquals(1, sink.chunks().size(), "the boundary is not complete while `late` is pending");
        assertFalse(late.isCancelled(), "`late` is still awaited");
        late.complete("late");
        assertTrue(sink.isEnded());
        assertEquals(List.of("late"), StreamReplay.of(sink).document().select("span").eachText());
    }

    // ---- properties ----

    /** a. Any tree, any order: the stream ends, and replayed it is the blocking document. */
    @Property(tries = 500)
    void streamEqualsBlockingRender(@ForAll("scenarios") Scenario s) {
        Run run = new Run(s);
        run.complete(s.order());
        boolean expectFatal = fatal(s.body());
        Statistics.label("fatal").collect(expectFatal);
        Statistics.label("chunks").collect(Math.min(run.sink.chunks().size(), 4));
        Statistics.label("asyncs").collect(Math.min(s.order().size(), 10) / 3 * 3);
        Statistics.label("nodes").collect(count(s.body()) / 10 * 10);

        String expected = blocking(s, s.order().size(), false);
        assertEquals(0, run.f.scheduler.pending(), "the deadline timer was freed");
        if (expectFatal) {
            assertNotNull(run.sink.failure(), "a failure outside every boundary fails the stream");
            assertTrue(run.sink.chunks().isEmpty(), "... before the shell");
            assertNull(expected, "... and the blocking render");
            return;
        }
        assertNull(run.sink.failure(), "no failure outside a boundary");
        assertTrue(run.sink.isEnded(), "the stream ended");
        assertNotNull(expected, "the blocking render succeeded");
        assertEquals(expected, normalized(StreamReplay.of(run.sink).normalizedDocument()));
        assertTrue(run.handle.done().toCompletableFuture().isDone());
    }

    /** b. The deadline passes with some futures pending: the stream ends (or fails before the shell), nothing stays pending. */
    @Property(tries = 500)
    void deadlineEndsTheStreamAndCancelsEveryPendingStage(@ForAll("scenarios") Scenario s) {
        Run run = new Run(s);
        run.complete(s.order().subList(0, s.cut()));
        run.f.scheduler.fireAll();

        boolean failed = run.sink.failure() != null;
        Statistics.label("deadline outcome").collect(failed ? "failed before shell" : "ended");
        assertTrue(run.sink.isEnded() ^ failed, "the stream either ended or failed");
        assertTrue(run.handle.done().toCompletableFuture().isDone(), "the render is done");
        if (failed) {
            assertTrue(run.sink.chunks().isEmpty(), "a failure comes before the shell only");
        } else {
            Document doc = StreamReplay.of(run.sink).document();
            assertTrue(doc.select("template").isEmpty(), "every boundary was resolved, with content or an error");
        }
        run.world.futures.forEach((id, f) -> {
            if (f.observed) {
                assertTrue(f.isDone(), "future " + id + " that the renderer awaited is done");
            }
        });
        assertEquals(0, run.f.scheduler.pending());

        String expected = blocking(s, s.cut(), true);
        if (failed) {
            assertNull(expected, "the blocking render failed too");
        } else {
            assertEquals(expected, normalized(StreamReplay.of(run.sink).normalizedDocument()),
                    "same document as the blocking render with the same deadline");
        }
    }

    /** c. The client goes away: every awaited stage is cancelled, nothing more is written or reported. */
    @Property(tries = 500)
    void abortCancelsEverythingAndGoesQuiet(@ForAll("scenarios") Scenario s) {
        Run run = new Run(s);
        run.complete(s.order().subList(0, s.cut()));
        boolean endedBefore = run.handle.done().toCompletableFuture().isDone();
        Statistics.label("abort after end").collect(endedBefore);
        int chunks = run.sink.chunks().size();
        int reported = run.f.reported.size();

        run.handle.abort();

        run.world.futures.forEach((id, f) -> {
            if (f.observed && !run.world.settled.contains(id)) {
                assertTrue(f.isCancelled(), "awaited future " + id + " was cancelled");
            }
        });
        assertEquals(0, run.f.scheduler.pending(), "the deadline timer was freed");
        if (!endedBefore) {
            CompletableFuture<Void> done = run.handle.done().toCompletableFuture();
            assertTrue(done.isCompletedExceptionally(), "done() fails on abort");
            assertFalse(run.sink.isEnded(), "an aborted stream is not ended");
            assertNull(run.sink.failure(), "nor failed");
        }

        run.complete(s.order()); // late data, and the deadline, after the abort
        run.f.scheduler.fireAll();
        assertEquals(chunks, run.sink.chunks().size(), "no chunk after abort");
        assertEquals(reported, run.f.reported.size(), "nothing reported after abort");
    }
}

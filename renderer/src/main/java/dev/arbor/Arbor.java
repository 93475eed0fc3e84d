package dev.arbor;

import dev.arbor.internal.AsyncNode;
import dev.arbor.internal.ComponentNode;
import dev.arbor.internal.ErrorBoundaryNode;
import dev.arbor.internal.HydrationBoundaryNode;
import dev.arbor.internal.IslandNode;
import dev.arbor.internal.RuntimeNode;
import dev.arbor.internal.SuspenseNode;
import dev.arbor.query.DehydratedQuery;
import dev.arbor.query.DehydratedState;
import j2html.TagCreator;
import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Arbor's DSL: static factories to import beside j2html's {@code TagCreator} and mix freely with
 * its tags.
 *
 * <pre>{@code
 * import static dev.arbor.Arbor.*;
 * import static j2html.TagCreator.*;
 *
 * DomContent page(Deferred<List<Review>> reviews) {
 *     return html(body(
 *         h1("Product"),
 *         await(reviews, p("Loading reviews..."), list -> ul(each(list, r -> li(r.text())))),
 *         errorBoundary(error -> p("Stock unavailable: " + error.message()),
 *             suspense(p("Checking stock..."), async(stockService.count(), n -> p(n + " left"))))));
 * }
 * }</pre>
 *
 * A plain Java method that returns {@code DomContent} is a component; its parameters are its
 * props. Wrap its call in {@link #component(Supplier)} when an exception it throws should go to the
 * nearest error boundary instead of failing while the tree is built.
 */
public final class Arbor {
    private Arbor() {
    }

    /**
     * An async server component: renders the content the stage produces. Until then the nearest
     * {@link #suspense boundary} shows its fallback; outside every boundary the shell waits. A
     * failed stage goes to the nearest {@link #errorBoundary error boundary}.
     *
     * @param content the content to come
     * @return the node
     */
    public static DomContent async(CompletionStage<? extends DomContent> content) {
        Objects.requireNonNull(content, "content");
        return new AsyncNode<DomContent>(content, Function.identity());
    }

    /**
     * An async server component that builds its subtree from a stage's value.
     *
     * @param data the data to await
     * @param view builds the content from the value; runs on the server, may return more async
     *     nodes, and may throw (the error goes to the nearest error boundary)
     * @param <T> the value's type
     * @return the node
     */
    public static <T> DomContent async(CompletionStage<T> data, Function<? super T, ? extends DomContent> view) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(view, "view");
        return new AsyncNode<T>(data, view);
    }

    /**
     * A component evaluated when the renderer reaches it, not when the tree is built: what it
     * throws goes to the nearest error boundary.
     *
     * @param body the component's body
     * @return the node
     */
    public static DomContent component(Supplier<? extends DomContent> body) {
        Objects.requireNonNull(body, "body");
        return new ComponentNode(body);
    }

    /**
     * A Suspense boundary: while anything inside is pending, the client sees {@code fallback};
     * the content streams in when it completes. Content complete by the time its parent is sent
     * goes out inline, with no fallback and no script.
     *
     * @param fallback what shows while the content is pending (a skeleton)
     * @param children the content
     * @return the node
     */
    public static DomContent suspense(DomContent fallback, DomContent... children) {
        Objects.requireNonNull(fallback, "fallback");
        return new SuspenseNode(fallback, children(children));
    }

    /**
     * Deferred data: start the work in a loader, await it where it is shown. TanStack Router's
     * {@code defer()}. The value stays on the server: only the HTML that {@link #await} renders
     * from it reaches the browser. Use {@link #defer(String, CompletionStage)} when page scripts
     * need the value itself.
     *
     * @param stage the data's stage
     * @param <T> the value's type
     * @return the deferred value, without a client key
     */
    public static <T> Deferred<T> defer(CompletionStage<T> stage) {
        return new Deferred<>(null, stage);
    }

    /**
     * Deferred data that page scripts read too: when it resolves, the value is also sent to the
     * browser as JSON, where {@code arbor.deferred(key)} returns it. Everything in the value is
     * then public: send a view model, never an entity with fields that must stay on the server.
     *
     * @param key the client-side key; one key per deferred value in a page, not starting with {@code $}
     * @param stage the data's stage
     * @param <T> the value's type
     * @return the deferred value
     */
    public static <T> Deferred<T> defer(String key, CompletionStage<T> stage) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith("$")) {
            throw new IllegalArgumentException("A deferred key must be non-empty and must not start with '$'"
                    + " (reserved for Arbor): " + key);
        }
        return new Deferred<>(key, stage);
    }

    /**
     * Awaits deferred data behind a boundary of its own (TanStack Router's {@code <Await>}): the
     * fallback shows until the value resolves, then {@code view}'s content streams in. A value made
     * with a key ({@link #defer(String, CompletionStage)}) is also sent to page scripts as JSON; an
     * unnamed one never leaves the server, which is how a field that must stay private stays
     * private. A rejection goes to the nearest error boundary (put one around each {@code await})
     * and rejects the client's promise, for a keyed value, with the digest only.
     *
     * @param deferred the deferred data
     * @param fallback what shows meanwhile
     * @param view builds the content from the value
     * @param <T> the value's type
     * @return the node
     */
    public static <T> DomContent await(Deferred<T> deferred, DomContent fallback,
            Function<? super T, ? extends DomContent> view) {
        Objects.requireNonNull(deferred, "deferred");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(view, "view");
        return new SuspenseNode(fallback, new DomContent[] {new AsyncNode<T>(deferred.key(), deferred.stage(), view)});
    }

    /**
     * An error boundary: when a stage fails or a component throws anywhere inside, the whole
     * boundary shows {@code fallback}'s content instead, rendered on the server. The rest of the
     * page still completes. If the boundary was already sent (a Suspense boundary inside it was
     * still pending), the client swaps the boundary's region for the fallback.
     *
     * @param fallback builds the error view; errors inside it show the default error view
     * @param children the content
     * @return the node
     */
    public static DomContent errorBoundary(Function<RenderError, ? extends DomContent> fallback,
            DomContent... children) {
        Objects.requireNonNull(fallback, "fallback");
        return new ErrorBoundaryNode(failure -> fallback.apply(Renderer.errorOf(failure)), children(children));
    }

    /**
     * TanStack Query's {@code HydrationBoundary}: sends dehydrated query state to the client with
     * the HTML it wraps, where {@code arbor.query(key)} reads it without a request. Queries
     * dehydrated while pending stream their result (or redacted error) later as a chunk of their
     * own, even when the HTML around them was sent long before. Use
     * {@code Dehydration.dehydrateNew} in nested boundaries that share one client so that no query
     * is sent twice.
     *
     * @param state from {@code Dehydration.dehydrate} or {@code dehydrateNew}
     * @param children the content that reads the queries
     * @return the node
     */
    public static DomContent hydrationBoundary(DehydratedState state, DomContent... children) {
        Objects.requireNonNull(state, "state");
        List<HydrationBoundaryNode.PendingQuery> pending = new ArrayList<>();
        for (DehydratedQuery query : state.queries()) {
            if (query.isPending()) {
                pending.add(new HydrationBoundaryNode.PendingQuery(query::toJson, query.settledJson(), query::stateJson));
            }
        }
        return new HydrationBoundaryNode(state.toJson(), pending, children(children));
    }

    /**
     * An island: server-rendered HTML in a {@code <div data-arbor-island>} that page script brings
     * to life with {@code arbor.island(name, (element, props) => ...)}. The runtime mounts it when
     * its element appears, also inside content that streams in later.
     *
     * @param name the island's registered name
     * @param props serialized to JSON with the renderer's mapper and handed to the mount function
     * @param children the server-rendered HTML
     * @return the node
     */
    public static DomContent island(String name, Object props, DomContent... children) {
        Objects.requireNonNull(name, "name");
        return new IslandNode(name, props, children(children));
    }

    /**
     * The client runtime, where the page wants it: put it in the head so that page scripts can use
     * {@code window.arbor} (islands, the query cache, deferred values) from the start. Without it the
     * runtime comes at the end of the shell, before the first instruction that needs it. Written
     * once per page, with the render's CSP nonce.
     *
     * @return the node
     */
    public static DomContent clientRuntime() {
        return RuntimeNode.INSTANCE;
    }

    /**
     * An error's details for developers: the exception, its stack trace and the component path
     * where it happened, escaped, in a {@code <details class="arbor-error-details" open>}. Only in
     * {@link Mode#DEVELOPMENT}: for an error caught in production it renders nothing, so it is
     * safe to put in any error view. In development mode Arbor adds it after every error
     * boundary's fallback and inside its default error view by itself; a host adds it to its 500
     * page.
     *
     * @param error the error
     * @return the details, or nothing in production
     */
    public static DomContent errorDetails(RenderError error) {
        Objects.requireNonNull(error, "error");
        if (error.mode() != Mode.DEVELOPMENT) {
            return TagCreator.text("");
        }
        Throwable cause = error.cause();
        return TagCreator.details(
                TagCreator.summary(cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())),
                TagCreator.iff(error.componentPath().isPresent(),
                        TagCreator.p("in " + error.componentPath().orElse("")).withClass("arbor-error-path")),
                TagCreator.pre(error.stackTrace()).withClass("arbor-error-stack"))
                .withClass("arbor-error-details").attr("open", "")
                .attr("data-digest", error.digest());
    }

    private static DomContent[] children(DomContent[] children) {
        Objects.requireNonNull(children, "children");
        return children.clone();
    }
}

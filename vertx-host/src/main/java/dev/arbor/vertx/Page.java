package dev.arbor.vertx;

import dev.arbor.Deadlines;
import j2html.tags.DomContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A page: a loader and the component that renders its data, optionally inside a {@link Layout}.
 * Immutable; the {@code head}, {@code in} and {@code deadline} methods return new pages. Serve it
 * with {@link ArborHost#handler(Page)} on a Vert.x Web route.
 *
 * <pre>{@code
 * Page<Product> product = Page.of(
 *         req -> catalog.product(req.pathParam("id")),          // runs in parallel with the shop's loader
 *         (req, p) -> article(h1(p.name()),
 *                 await(p.reviews(), reviewsSkeleton(), ReviewList::render)))
 *     .head(p -> Head.of(p.name()))
 *     .in(shop);
 * }</pre>
 *
 * @param <T> the loader's data
 */
public final class Page<T> {
    /**
     * Renders a page from its loader's data.
     *
     * @param <T> the data's type
     */
    @FunctionalInterface
    public interface View<T> {
        /**
         * @param request the request
         * @param data what the loader produced; may hold {@link dev.arbor.Deferred} parts
         * @return the page's content, placed in its layout's outlet (or in {@code <body>})
         */
        DomContent render(PageRequest request, T data);
    }

    private final Loader<T> loader;
    private final View<T> view;
    private final Function<? super T, Head> head;
    private final Layout<?> layout;
    private final Duration deadline;

    private Page(Loader<T> loader, View<T> view, Function<? super T, Head> head, Layout<?> layout, Duration deadline) {
        this.loader = loader;
        this.view = view;
        this.head = head;
        this.layout = layout;
        this.deadline = deadline;
    }

    /**
     * @param loader loads the page's data
     * @param view renders it
     * @param <T> the data's type
     * @return the page
     */
    public static <T> Page<T> of(Loader<T> loader, View<T> view) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(view, "view");
        return new Page<>(loader, view, data -> Head.empty(), null, null);
    }

    /**
     * A page without a loader (it may still hold async components of its own).
     *
     * @param view renders the page
     * @return the page
     */
    public static Page<Void> of(Function<PageRequest, ? extends DomContent> view) {
        Objects.requireNonNull(view, "view");
        return of(Loader.none(), (request, none) -> view.apply(request));
    }

    /**
     * @param head decides the head from the loader's data, before the shell is sent
     * @return a copy with that head
     */
    public Page<T> head(Function<? super T, Head> head) {
        return new Page<>(loader, view, Objects.requireNonNull(head, "head"), layout, deadline);
    }

    /**
     * @param head a fixed head
     * @return a copy with that head
     */
    public Page<T> head(Head head) {
        Objects.requireNonNull(head, "head");
        return head(data -> head);
    }

    /**
     * @param layout the layout whose outlet shows this page; its loader runs in parallel with
     *     this page's
     * @return a copy inside that layout
     */
    public Page<T> in(Layout<?> layout) {
        return new Page<>(loader, view, head, Objects.requireNonNull(layout, "layout"), deadline);
    }

    /**
     * @param deadline how long the whole response may take, loaders included, before pending
     *     parts end as errors and the stream ends; the host's default otherwise
     * @return a copy with that deadline
     */
    public Page<T> deadline(Duration deadline) {
        return new Page<>(loader, view, head, layout, Deadlines.requirePositive(deadline));
    }

    /** @return this page's deadline, or {@code null} for the host's default */
    Duration deadline() {
        return deadline;
    }

    /** The levels from the outermost layout to this page. */
    @SuppressWarnings("unchecked")
    List<Level> chain() {
        List<Level> chain = new ArrayList<>();
        if (layout != null) {
            layout.addTo(chain);
        }
        chain.add(new Level(loader, (request, data, outlet) -> view.render(request, (T) data),
                data -> head.apply((T) data), null, List.of()));
        return chain;
    }
}

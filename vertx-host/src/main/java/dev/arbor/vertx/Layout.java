package dev.arbor.vertx;

import j2html.tags.DomContent;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A layout: a loader and a component with an outlet where the page (or an inner layout) goes.
 * Nested routes as in TanStack Router or Remix: the loaders of every layout and of the page start
 * together and run in parallel, never one after the other. Immutable.
 *
 * <pre>{@code
 * Layout<Shop> shop = Layout.of(req -> shops.current(),
 *         (req, shop, outlet) -> div(nav(each(shop.categories(), c -> a(c.name()))), main(outlet)))
 *     .head(shop -> Head.of(shop.name()));
 * }</pre>
 *
 * @param <T> the loader's data
 */
public final class Layout<T> {
    /**
     * Renders a layout from its loader's data around its outlet.
     *
     * @param <T> the data's type
     */
    @FunctionalInterface
    public interface View<T> {
        /**
         * @param request the request
         * @param data what the loader produced
         * @param outlet the inner content (the page, or an inner layout with its page), to place
         *     once anywhere in the result
         * @return the layout's content, placed in its own layout's outlet (or in {@code <body>})
         */
        DomContent render(PageRequest request, T data, DomContent outlet);
    }

    private final Loader<T> loader;
    private final View<T> view;
    private final Function<? super T, Head> head;
    private final Layout<?> parent;
    private final String key;
    private final List<String> keyParams;

    private Layout(Loader<T> loader, View<T> view, Function<? super T, Head> head, Layout<?> parent,
            String key, List<String> keyParams) {
        this.loader = loader;
        this.view = view;
        this.head = head;
        this.parent = parent;
        this.key = key;
        this.keyParams = keyParams;
    }

    /**
     * @param loader loads the layout's data
     * @param view renders the layout around its outlet
     * @param <T> the data's type
     * @return the layout
     */
    public static <T> Layout<T> of(Loader<T> loader, View<T> view) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(view, "view");
        return new Layout<>(loader, view, data -> Head.empty(), null, null, List.of());
    }

    /**
     * A layout without a loader.
     *
     * @param view renders the layout around its outlet
     * @return the layout
     */
    public static Layout<Void> of(BiFunction<PageRequest, DomContent, ? extends DomContent> view) {
        Objects.requireNonNull(view, "view");
        return of(Loader.none(), (request, none, outlet) -> view.apply(request, outlet));
    }

    /**
     * @param head decides the head from the loader's data; inner routes' heads override it
     * @return a copy with that head
     */
    public Layout<T> head(Function<? super T, Head> head) {
        return new Layout<>(loader, view, Objects.requireNonNull(head, "head"), parent, key, keyParams);
    }

    /**
     * @param head a fixed head
     * @return a copy with that head
     */
    public Layout<T> head(Head head) {
        Objects.requireNonNull(head, "head");
        return head(data -> head);
    }

    /**
     * @param parent the layout whose outlet shows this one
     * @return a copy nested in {@code parent}
     */
    public Layout<T> in(Layout<?> parent) {
        return new Layout<>(loader, view, head, Objects.requireNonNull(parent, "parent"), key, keyParams);
    }

    /**
     * Gives the layout a stable identity, so that client navigation can keep it: when the page
     * being left and the page being opened both sit in this layout (with the same values of
     * {@code pathParams}), a navigation between them neither runs its loader nor renders it again;
     * only what is inside its outlet streams. A layout without a key is rendered on every
     * navigation, and a navigation whose outermost layouts differ (or have no key) is a full
     * document load. The outlet is marked in the document ({@code <!--@key-->...<!--/@-->}) so that
     * the client runtime finds it.
     *
     * @param key the layout's name, unique in the application: letters, digits, {@code _} and {@code .}
     * @param pathParams the path parameters the layout's loader or view reads (a product's layout
     *     reads {@code id}): a navigation to other values renders the layout again
     * @return a copy with that key
     */
    public Layout<T> key(String key, String... pathParams) {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[A-Za-z0-9_.]{1,64}")) {
            throw new IllegalArgumentException("A layout key is 1 to 64 letters, digits, '_' or '.', got: " + key);
        }
        return new Layout<>(loader, view, head, parent, key, List.of(pathParams.clone()));
    }

    @SuppressWarnings("unchecked")
    void addTo(List<Level> chain) {
        if (parent != null) {
            parent.addTo(chain);
        }
        chain.add(new Level(loader, (request, data, outlet) -> view.render(request, (T) data, outlet),
                data -> head.apply((T) data), key, keyParams));
    }
}

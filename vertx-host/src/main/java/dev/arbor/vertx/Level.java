package dev.arbor.vertx;

import j2html.tags.DomContent;
import java.util.function.Function;

/** One level of a page's chain (a layout or the page itself), with its data's type erased. */
final class Level {
    /** Renders a level from its data and its outlet (the inner level's content, or null). */
    @FunctionalInterface
    interface View {
        DomContent render(PageRequest request, Object data, DomContent outlet);
    }

    final Loader<?> loader;
    final View view;
    final Function<Object, Head> head;

    Level(Loader<?> loader, View view, Function<Object, Head> head) {
        this.loader = loader;
        this.view = view;
        this.head = head;
    }
}

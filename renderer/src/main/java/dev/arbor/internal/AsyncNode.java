package dev.arbor.internal;

import j2html.tags.DomContent;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** An async server component: content from a stage, rendered when it completes. */
public final class AsyncNode<T> extends ArborNode {
    final CompletionStage<T> stage;
    final Function<? super T, ? extends DomContent> view;
    /** The key under which page scripts read the value, or {@code null}: it stays on the server. */
    final String key;
    /** Awaits deferred data, which is made to be shared and awaited later: never cancelled when dropped. */
    final boolean deferred;

    /**
     * @param stage the data
     * @param view builds the content from the value
     */
    public AsyncNode(CompletionStage<? extends T> stage, Function<? super T, ? extends DomContent> view) {
        @SuppressWarnings("unchecked")
        CompletionStage<T> s = (CompletionStage<T>) stage;
        this.stage = s;
        this.view = view;
        this.key = null;
        this.deferred = false;
    }

    /**
     * A node awaiting deferred data.
     *
     * @param key the key under which page scripts read the value, or {@code null} to keep it on the server
     * @param stage the data
     * @param view builds the content from the value
     */
    public AsyncNode(String key, CompletionStage<? extends T> stage, Function<? super T, ? extends DomContent> view) {
        @SuppressWarnings("unchecked")
        CompletionStage<T> s = (CompletionStage<T>) stage;
        this.stage = s;
        this.view = view;
        this.key = key;
        this.deferred = true;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderAsync(this);
    }
}

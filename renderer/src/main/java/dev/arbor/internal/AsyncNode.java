package dev.arbor.internal;

import dev.arbor.Deferred;
import j2html.tags.DomContent;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** An async server component: content from a stage, rendered when it completes. */
public final class AsyncNode<T> extends ArborNode {
    final CompletionStage<T> stage;
    final Function<? super T, ? extends DomContent> view;
    /** Set when this node awaits a {@link Deferred}: its value also goes to the client. */
    final Deferred<T> deferred;

    /**
     * @param stage the data
     * @param view builds the content from the value
     */
    public AsyncNode(CompletionStage<? extends T> stage, Function<? super T, ? extends DomContent> view) {
        @SuppressWarnings("unchecked")
        CompletionStage<T> s = (CompletionStage<T>) stage;
        this.stage = s;
        this.view = view;
        this.deferred = null;
    }

    /**
     * @param deferred the deferred data
     * @param view builds the content from the value
     */
    public AsyncNode(Deferred<T> deferred, Function<? super T, ? extends DomContent> view) {
        this.stage = deferred.stage();
        this.view = view;
        this.deferred = deferred;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderAsync(this);
    }
}

package dev.arbor.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import j2html.tags.DomContent;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** TanStack Query's {@code HydrationBoundary}: dehydrated query state sent with the HTML it wraps. */
public final class HydrationBoundaryNode extends ArborNode {
    final ObjectNode state;
    final List<PendingQuery> pending;
    final DomContent[] children;

    /**
     * A query dehydrated while its fetch was running: its result streams once it settles.
     *
     * @param query the query as JSON ({@code queryKey}, {@code queryHash}, {@code state}), made anew
     *     on every call
     * @param settled the state to stream once the fetch ends
     * @param stateNow the query's state as it is now, made anew on every call (the deadline
     *     turns it into an error)
     */
    public record PendingQuery(Supplier<ObjectNode> query, CompletionStage<ObjectNode> settled,
            Supplier<ObjectNode> stateNow) {
    }

    /**
     * @param state the dehydrated state as JSON ({@code {"queries":[...]}})
     * @param pending its queries that were pending
     * @param children the content that reads them
     */
    public HydrationBoundaryNode(ObjectNode state, List<PendingQuery> pending, DomContent[] children) {
        this.state = state;
        this.pending = List.copyOf(pending);
        this.children = children;
    }

    /** @return whether there is no query to send */
    boolean isEmpty() {
        return pending.isEmpty() && (state.get("queries") == null || state.get("queries").isEmpty());
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderHydrationBoundary(this);
    }
}

package dev.arbor.internal;

import dev.arbor.query.DehydratedState;
import j2html.tags.DomContent;

/** TanStack Query's {@code HydrationBoundary}: dehydrated query state sent with the HTML it wraps. */
public final class HydrationBoundaryNode extends ArborNode {
    final DehydratedState state;
    final DomContent[] children;

    /**
     * @param state the queries to send
     * @param children the content that reads them
     */
    public HydrationBoundaryNode(DehydratedState state, DomContent[] children) {
        this.state = state;
        this.children = children;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderHydrationBoundary(this);
    }
}

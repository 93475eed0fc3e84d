package dev.arbor.internal;

import j2html.tags.DomContent;

/** A Suspense boundary ({@code suspense} and every {@code await}). */
public final class SuspenseNode extends ArborNode {
    final DomContent fallback;
    final DomContent[] children;

    /**
     * @param fallback shown while the content is pending
     * @param children the content
     */
    public SuspenseNode(DomContent fallback, DomContent[] children) {
        this.fallback = fallback;
        this.children = children;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderSuspense(this);
    }
}

package dev.arbor.internal;

import j2html.tags.DomContent;
import java.util.function.Function;

/** An error boundary: its fallback replaces its whole region when anything inside fails. */
public final class ErrorBoundaryNode extends ArborNode {
    final Function<Failure, ? extends DomContent> fallback;
    final DomContent[] children;

    /**
     * @param fallback builds the error view
     * @param children the content
     */
    public ErrorBoundaryNode(Function<Failure, ? extends DomContent> fallback, DomContent[] children) {
        this.fallback = fallback;
        this.children = children;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderErrorBoundary(this);
    }
}

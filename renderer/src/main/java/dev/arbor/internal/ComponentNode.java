package dev.arbor.internal;

import j2html.tags.DomContent;
import java.util.function.Supplier;

/** A component evaluated at render time, so that what it throws reaches an error boundary. */
public final class ComponentNode extends ArborNode {
    final Supplier<? extends DomContent> body;

    /** @param body the component */
    public ComponentNode(Supplier<? extends DomContent> body) {
        this.body = body;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderComponent(this);
    }
}

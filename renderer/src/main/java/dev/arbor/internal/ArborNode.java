package dev.arbor.internal;

import j2html.rendering.HtmlBuilder;
import j2html.tags.DomContent;

/**
 * Base of Arbor's own nodes. j2html hands every node the builder it renders into; Arbor's nodes
 * only render into the renderer's {@link SegmentWriter}, which is how they reach the request
 * without reflection or thread-locals.
 */
public abstract class ArborNode extends DomContent {

    abstract void renderInto(SegmentWriter writer);

    @Override
    public final <T extends Appendable> T render(HtmlBuilder<T> builder, Object model) {
        if (!(builder instanceof SegmentWriter)) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is an Arbor node: render the tree with dev.arbor.Renderer (stream or renderToString),"
                    + " not with j2html's render()");
        }
        renderInto((SegmentWriter) builder);
        return builder.output();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}

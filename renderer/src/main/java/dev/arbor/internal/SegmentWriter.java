package dev.arbor.internal;

import dev.arbor.RenderError;
import j2html.rendering.HtmlBuilder;
import j2html.rendering.TagBuilder;
import j2html.tags.DomContent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The j2html builder that every render writes through. It writes into the current segment and
 * carries the render's cursor: which segment, boundary, ownership region and error scope the
 * node being rendered belongs to. Arbor's nodes call back into it to open holes and boundaries.
 */
final class SegmentWriter implements HtmlBuilder<Appendable>, TagBuilder {
    private final RenderRequest request;

    Segment segment;
    Boundary boundary;
    Region region;
    Region scope;
    /** An explicit error boundary encloses the cursor, so Suspense boundaries are not scopes. */
    boolean explicitAbove;

    SegmentWriter(RenderRequest request) {
        this.request = request;
    }

    // ---- the cursor ----

    /** A saved cursor, restored after rendering somewhere else. */
    static final class Cursor {
        final Segment segment;
        final Boundary boundary;
        final Region region;
        final Region scope;
        final boolean explicitAbove;

        Cursor(Segment segment, Boundary boundary, Region region, Region scope, boolean explicitAbove) {
            this.segment = segment;
            this.boundary = boundary;
            this.region = region;
            this.scope = scope;
            this.explicitAbove = explicitAbove;
        }
    }

    Cursor save() {
        return new Cursor(segment, boundary, region, scope, explicitAbove);
    }

    void restore(Cursor c) {
        segment = c.segment;
        boundary = c.boundary;
        region = c.region;
        scope = c.scope;
        explicitAbove = c.explicitAbove;
    }

    void moveTo(Segment segment, Boundary boundary, Region region, Region scope, boolean explicitAbove) {
        this.segment = segment;
        this.boundary = boundary;
        this.region = region;
        this.scope = scope;
        this.explicitAbove = explicitAbove;
    }

    // ---- rendering content ----

    /** Renders any content at the cursor; {@code null} renders nothing. */
    void renderContent(DomContent content) {
        if (content == null) {
            return;
        }
        try {
            content.render(this, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders content at the cursor and returns what it threw instead of throwing, with the
     * cursor restored either way.
     */
    Throwable tryRender(DomContent[] children) {
        Cursor saved = save();
        try {
            for (DomContent child : children) {
                renderContent(child);
            }
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            restore(saved);
        }
    }

    void renderAsync(AsyncNode<?> node) {
        if (node.deferred != null) {
            request.keyOf(node.deferred); // unnamed deferred values are keyed in render order
        }
        Stages.Outcome outcome = Stages.peek(node.stage);
        if (outcome != null) {
            if (outcome.error != null) {
                throw request.caught(node, outcome.error);
            }
            request.renderValue(node, outcome.value);
            return;
        }
        if (request.deadlinePassed()) {
            throw request.caught(node, request.timeout());
        }
        Segment hole = new Segment();
        segment.addChild(hole);
        Task task = new Task(node, hole, boundary, region, scope, explicitAbove);
        request.track(task);
    }

    void renderSuspense(SuspenseNode node) {
        Boundary b = new Boundary(boundary, new Segment(), false);
        Region r = new Region(Region.Kind.SUSPENSE, region, b, b.content, !explicitAbove);
        r.suspense = b;

        Cursor saved = save();
        moveTo(b.content, b, r, r.scope ? r : scope, explicitAbove);
        Throwable error = tryRender(node.children);
        restore(saved);
        if (error != null) {
            if (!r.scope) {
                throw request.rethrow(error);
            }
            request.failScope(r, request.errorOf(error));
        }
        if (b.pending == 0 && b.content.parts() == null) {
            // complete and without holes already: its HTML goes straight into the parent's buffer
            segment.text.append(b.content.text);
            if (b.data != null) {
                b.data.forEach(boundary::addData);
            }
            b.rendered = true;
            b.completed = true;
            return;
        }
        segment.addChild(b);
        if (b.pending > 0 && !request.blocking()) {
            b.fallback = new Segment();
            b.fallbackRegion = new Region(Region.Kind.FALLBACK, region, boundary, b.fallback, false);
            moveTo(b.fallback, boundary, b.fallbackRegion, scope, explicitAbove);
            try {
                renderContent(node.fallback);
            } finally {
                restore(saved);
            }
        }
        b.rendered = true;
        request.checkComplete(b);
    }

    void renderErrorBoundary(ErrorBoundaryNode node) {
        Segment s = new Segment();
        Region r = new Region(Region.Kind.ERROR, region, boundary, s, true);
        r.errorNode = node;

        Cursor saved = save();
        moveTo(s, boundary, r, r, true);
        Throwable error = tryRender(node.children);
        restore(saved);
        if (error != null) {
            request.failScope(r, request.errorOf(error));
        }
        if (s.parts() == null) {
            segment.text.append(s.text); // nothing inside can fail any more: no region to keep apart
        } else {
            segment.addChild(r);
        }
    }

    void renderHydrationBoundary(HydrationBoundaryNode node) {
        String script = request.hydrate(node.state);
        if (script != null) {
            segment.addChild(new HydrationScript(script));
        }
        for (DomContent child : node.children) {
            renderContent(child);
        }
    }

    void renderIsland(IslandNode node) {
        String props = request.islandProps(node.props);
        StringBuilder out = segment.text;
        out.append("<div data-arbor-island=\"");
        Html.escape(out, node.name);
        out.append("\" data-props=\"");
        Html.escape(out, props);
        out.append("\">");
        for (DomContent child : node.children) {
            renderContent(child);
        }
        segment.text.append("</div>");
    }

    void renderRuntime() {
        segment.addChild(RuntimeNode.INSTANCE);
    }

    /** Writes the default error view at the cursor. */
    void writeErrorView(RenderError error) {
        StringBuilder out = segment.text;
        out.append("<div class=\"arbor-error\" role=\"alert\" data-digest=\"");
        Html.escape(out, error.digest());
        out.append("\">");
        Html.escape(out, error.message());
        out.append("</div>");
    }

    // ---- HtmlBuilder / TagBuilder ----

    @Override
    public TagBuilder appendStartTag(String name) {
        segment.text.append('<').append(name);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendEndTag(String name) {
        segment.text.append("</").append(name).append('>');
        return this;
    }

    @Override
    public TagBuilder appendEmptyTag(String name) {
        segment.text.append('<').append(name);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendEscapedText(String txt) {
        Html.escape(segment.text, txt);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendUnescapedText(String txt) {
        segment.text.append(txt);
        return this;
    }

    @Override
    public TagBuilder appendAttribute(String name, String value) {
        StringBuilder out = segment.text;
        out.append(' ').append(name).append("=\"");
        Html.escape(out, value);
        out.append('"');
        return this;
    }

    @Override
    public TagBuilder appendBooleanAttribute(String name) {
        segment.text.append(' ').append(name);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> completeTag() {
        segment.text.append('>');
        return this;
    }

    @Override
    public Appendable output() {
        return segment.text;
    }

    @Override
    @Deprecated
    public SegmentWriter append(CharSequence csq) {
        segment.text.append(csq);
        return this;
    }

    @Override
    @Deprecated
    public SegmentWriter append(CharSequence csq, int start, int end) {
        segment.text.append(csq, start, end);
        return this;
    }

    @Override
    @Deprecated
    public SegmentWriter append(char c) {
        segment.text.append(c);
        return this;
    }
}

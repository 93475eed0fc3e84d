package dev.arbor.internal;

import dev.arbor.internal.wire.Utf8Out;

import dev.arbor.internal.wire.Wire;
import j2html.rendering.HtmlBuilder;
import j2html.rendering.TagBuilder;
import j2html.tags.DomContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The j2html builder that every render writes through. It writes into the {@link Cursor}'s
 * segment; Arbor's nodes call its {@code render...} methods to open holes, boundaries and regions.
 */
final class SegmentWriter implements HtmlBuilder<Appendable>, TagBuilder {
    private final RenderRequest request;
    /** Where rendering writes now. */
    Cursor at = Cursor.NONE;
    /** Development mode: where rendering is, for error views; {@code null} in production. */
    private ComponentPath path;

    SegmentWriter(RenderRequest request) {
        this.request = request;
    }

    void moveTo(Cursor cursor) {
        at = cursor;
    }

    /**
     * Renders the page at {@code where}; in development mode keeps track of the component path,
     * for error views.
     *
     * @return what the render threw, or {@code null}
     */
    Throwable renderRoot(Cursor where, DomContent root, boolean development) {
        if (development) {
            path = new ComponentPath();
        }
        return tryRender(where, new DomContent[] {root});
    }

    /** @return where rendering is, ending with {@code last}; {@code null} in production */
    private List<String> pathHere(String last) {
        if (path == null) {
            return null;
        }
        path.push(last);
        List<String> here = path.snapshot();
        path.pop();
        return here;
    }

    /** @return where {@code error} was thrown while rendering, if known (development mode) */
    String thrownAt(Throwable error) {
        return path == null ? null : path.thrownAt(error);
    }

    private int pathDepth() {
        return path == null ? 0 : path.depth();
    }

    /** The innermost catch of a render: records where it was thrown, then cuts the path back. */
    private void caughtAt(Throwable t) {
        if (path != null) {
            path.thrown(t);
        }
    }

    private void cutPath(int depth) {
        if (path != null) {
            path.cut(depth);
        }
    }

    private void pushPath(String label) {
        if (path != null) {
            path.push(label);
        }
    }

    private void popPath() {
        if (path != null) {
            path.pop();
        }
    }

    /** The text buffer of the cursor's segment (a new one after each part added). */
    private Utf8Out out() {
        return at.segment().text;
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

    /** Renders content at {@code where}, restores the cursor, and returns what it threw instead of throwing. */
    Throwable tryRender(Cursor where, DomContent[] children) {
        Cursor saved = at;
        int depth = pathDepth();
        moveTo(where);
        try {
            for (DomContent child : children) {
                renderContent(child);
            }
            return null;
        } catch (Throwable t) {
            caughtAt(t);
            return t;
        } finally {
            cutPath(depth);
            moveTo(saved);
        }
    }

    /** Renders one piece of content at {@code where} and restores the cursor; what it throws propagates. */
    void renderAt(Cursor where, DomContent content) {
        Cursor saved = at;
        int depth = pathDepth();
        moveTo(where);
        try {
            renderContent(content);
        } catch (Throwable t) {
            caughtAt(t);
            throw t;
        } finally {
            cutPath(depth);
            moveTo(saved);
        }
    }

    private void add(Part part) {
        at.segment().add(part);
    }

    void renderAsync(AsyncNode<?> node) {
        request.clientData().claimKey(node);
        Stages.Outcome outcome = Stages.peek(node.stage);
        if (outcome != null) {
            if (outcome.error != null) {
                throw request.errorScopes().caught(node, outcome.error, pathHere(label(node)));
            }
            pushPath(label(node));
            renderValue(node, outcome.value);
            popPath();
            return;
        }
        if (request.deadlinePassed()) {
            throw request.errorScopes().caught(node, request.config().errors().timeout(), pathHere(label(node)));
        }
        Segment hole = new Segment(request.config().buffers());
        add(hole);
        request.track(new Task(node, at.at(hole), pathHere(label(node))));
    }

    private static String label(AsyncNode<?> node) {
        return !node.deferred ? "async" : node.key == null ? "await" : "await \"" + node.key + "\"";
    }

    /** Renders an async node's content from its value, at the cursor. */
    <T> void renderValue(AsyncNode<T> node, Object value) {
        @SuppressWarnings("unchecked")
        T v = (T) value;
        request.clientData().resolved(node, v, at.boundary());
        renderContent(node.view.apply(v));
    }

    /** {@link #renderValue} at {@code where}, then back; what it throws propagates. */
    void renderValueAt(Cursor where, AsyncNode<?> node, Object value, List<String> pathAt) {
        Cursor saved = at;
        List<String> savedPath = null;
        if (path != null) {
            savedPath = path.snapshot();
            path.restore(pathAt);
        }
        moveTo(where);
        try {
            renderValue(node, value);
        } catch (Throwable t) {
            caughtAt(t);
            throw t;
        } finally {
            if (path != null) {
                path.restore(savedPath);
            }
            moveTo(saved);
        }
    }

    void renderComponent(ComponentNode node) {
        pushPath("component");
        renderContent(node.body.get());
        popPath();
    }

    void renderSuspense(SuspenseNode node) {
        pushPath("suspense");
        renderSuspenseHere(node);
        popPath();
    }

    private void renderSuspenseHere(SuspenseNode node) {
        // the content writes on in this buffer: if it completes now, as it does when its data is
        // ready, it is already in place
        Boundary b = new Boundary(at.boundary(), Segment.inside(at.segment()), false);
        Region.Suspense r = new Region.Suspense(at.region(), b, !at.explicitAbove());
        Throwable error = tryRender(new Cursor(b.content, b, r, r.catchesErrors() ? r : at.errorScope(),
                at.explicitAbove()), node.children);
        if (error != null) {
            if (!r.catchesErrors()) {
                throw request.errorScopes().rethrow(error);
            }
            request.errorScopes().fail(r, request.errorScopes().failureOf(error));
        }
        if (b.pending == 0 && b.content.isFlat()) {
            // complete and without holes already: its HTML goes straight into the parent's buffer
            request.config().events().boundaryInlined();
            b.content.inlineInto(at.segment());
            if (b.data != null) {
                at.boundary().data().drainFrom(b.data);
            }
            b.rendered = true;
            b.completed = true;
            return;
        }
        b.content.detach();
        add(b);
        if (b.pending > 0 && !request.config().complete()) {
            b.fallback = new Segment(request.config().buffers());
            b.fallbackRegion = new Region.Fallback(at.region(), at.boundary(), b.fallback);
            renderAt(new Cursor(b.fallback, at.boundary(), b.fallbackRegion, at.errorScope(), at.explicitAbove()),
                    node.fallback);
        }
        b.rendered = true;
        request.checkComplete(b);
    }

    void renderErrorBoundary(ErrorBoundaryNode node) {
        pushPath("errorBoundary");
        Segment s = Segment.inside(at.segment()); // in place if nothing inside is left to fail
        Region.Error r = new Region.Error(at.region(), at.boundary(), s, node);
        Throwable error = tryRender(new Cursor(s, at.boundary(), r, r, true), node.children);
        if (error != null) {
            request.errorScopes().fail(r, request.errorScopes().failureOf(error));
        }
        if (s.isFlat()) {
            s.inlineInto(at.segment()); // nothing inside can fail any more: no region to keep apart
        } else {
            s.detach();
            add(r);
        }
        popPath();
    }

    void renderHydrationBoundary(HydrationBoundaryNode node) {
        String state = request.clientData().hydrate(node);
        if (state != null) {
            add(new Part.QueriesHere(state));
        }
        pushPath("hydrationBoundary");
        for (DomContent child : node.children) {
            renderContent(child);
        }
        popPath();
    }

    void renderIsland(IslandNode node) {
        String props = request.clientData().islandProps(node.props);
        Wire.islandStart(out(), node.name, props);
        pushPath("island \"" + node.name + "\"");
        for (DomContent child : node.children) {
            renderContent(child);
        }
        popPath();
        Wire.islandEnd(out());
    }

    void renderRuntime() {
        add(Part.RuntimeHere.INSTANCE);
    }

    /** Writes the default error view at the cursor; in development mode with the error's details. */
    void writeErrorView(Failure failure) {
        out().append("<div class=\"arbor-error\" role=\"alert\" data-digest=\"");
        out().appendEscaped(failure.digest());
        out().append("\">");
        out().appendEscaped(failure.message());
        renderContent(request.config().errors().developmentView(failure));
        out().append("</div>");
    }

    // ---- HtmlBuilder / TagBuilder ----

    @Override
    public TagBuilder appendStartTag(String name) {
        if (path != null) {
            path.pushTag(name);
        }
        out().append('<').append(name);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendEndTag(String name) {
        popPath();
        out().append("</").append(name).append('>');
        return this;
    }

    @Override
    public TagBuilder appendEmptyTag(String name) {
        if (path != null) {
            path.closeTag();
        }
        out().append('<').append(name);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendEscapedText(String txt) {
        out().appendEscaped(txt);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> appendUnescapedText(String txt) {
        out().append(txt);
        return this;
    }

    @Override
    public TagBuilder appendAttribute(String name, String value) {
        if (path != null) {
            path.attribute(name, value);
        }
        out().append(' ').append(name).append("=\"");
        out().appendEscaped(value);
        out().append('"');
        return this;
    }

    @Override
    public TagBuilder appendBooleanAttribute(String name) {
        out().append(' ').append(name);
        return this;
    }

    @Override
    public HtmlBuilder<Appendable> completeTag() {
        if (path != null) {
            path.closeTag();
        }
        out().append('>');
        return this;
    }

    @Override
    public Appendable output() {
        return out();
    }

    @Override
    @Deprecated
    public SegmentWriter append(CharSequence csq) {
        out().append(csq);
        return this;
    }

    @Override
    @Deprecated
    public SegmentWriter append(CharSequence csq, int start, int end) {
        out().append(csq, start, end);
        return this;
    }

    @Override
    @Deprecated
    public SegmentWriter append(char c) {
        out().append(c);
        return this;
    }
}

package dev.arbor.internal;

import j2html.tags.DomContent;

/** An island: server HTML in an element that the runtime hands to a registered client function. */
public final class IslandNode extends ArborNode {
    final String name;
    final Object props;
    final DomContent[] children;

    /**
     * @param name the name page script registers with {@code arbor.island(name, mount)}
     * @param props serialized to JSON for the client
     * @param children the server-rendered HTML
     */
    public IslandNode(String name, Object props, DomContent[] children) {
        this.name = name;
        this.props = props;
        this.children = children;
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderIsland(this);
    }
}

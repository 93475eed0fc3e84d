package dev.arbor.internal;

/** Where the page wants the client runtime (in its head), so page scripts can use it early. */
public final class RuntimeNode extends ArborNode {
    /** The one instance. */
    public static final RuntimeNode INSTANCE = new RuntimeNode();

    private RuntimeNode() {
    }

    @Override
    void renderInto(SegmentWriter writer) {
        writer.renderRuntime();
    }
}

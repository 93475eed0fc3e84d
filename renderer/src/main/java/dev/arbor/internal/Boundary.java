package dev.arbor.internal;

import dev.arbor.internal.wire.Utf8Out;

import dev.arbor.internal.wire.Instructions;

/**
 * A Suspense boundary: a content segment tree that may complete after its parent was sent, with a
 * fallback to show meanwhile. Also the root (the shell), and the replacement content of an error
 * region that failed after it was sent.
 */
final class Boundary implements Part {
    final Boundary parent;
    final Segment content;
    /** True for the replacement of an error region already on the client. */
    final boolean replacement;
    /** The fallback, rendered only when the content was still pending after its first render. */
    Segment fallback;
    /** Owns the fallback's async work, dropped when the content completes first. */
    Region.Fallback fallbackRegion;

    /** Async nodes inside the content (outside nested boundaries) still pending. */
    int pending;
    /** The content's first, synchronous render is over. */
    boolean rendered;
    boolean completed;
    boolean abandoned;
    /** Its fallback went to the client; its content must follow as a swap of its own. */
    boolean clientPending;
    /** The id of its region on the client, once sent with its fallback. */
    int id = -1;
    /** Data for page scripts to send right after the content (deferred values). */
    Instructions data;

    Boundary(Boundary parent, Segment content, boolean replacement) {
        this.parent = parent;
        this.content = content;
        this.replacement = replacement;
    }

    /** @return the boundary's data list, made on first use */
    Instructions data() {
        if (data == null) {
            data = new Instructions();
        }
        return data;
    }

    @Override
    public void writeTo(Flusher flusher, Utf8Out out) {
        flusher.writeBoundary(this, out);
    }

    @Override
    public int sizeHint() {
        if (abandoned) {
            return 0;
        }
        return completed ? content.sizeHint() : fallback == null ? 0 : fallback.sizeHint();
    }
}

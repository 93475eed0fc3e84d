package dev.arbor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A Suspense boundary: a content segment tree that may complete after its parent was sent, with a
 * fallback to show meanwhile. Also used for the root (the shell) and for the replacement content
 * of an error boundary that failed after it was sent.
 */
final class Boundary {
    final Boundary parent;
    final Segment content;
    /** The fallback, rendered only when the content was still pending after its first render. */
    Segment fallback;
    /** Owns the fallback's async work, dropped when the content completes first. */
    Region fallbackRegion;

    /** Async nodes inside the content (outside nested boundaries) still pending. */
    int pending;
    /** The content's first, synchronous render is over. */
    boolean rendered;
    boolean completed;
    boolean abandoned;
    /** Its fallback went to the client; its content must follow as a chunk of its own. */
    boolean clientPending;
    /** Client-side id: {@code aB<id>} anchors the fallback, {@code aS<id>} carries the content. */
    int id = -1;
    /** True for the replacement of an error region already on the client. */
    final boolean replacement;
    /** Data scripts (deferred values) to send right after the content. */
    List<String> data;

    Boundary(Boundary parent, Segment content, boolean replacement) {
        this.parent = parent;
        this.content = content;
        this.replacement = replacement;
    }

    void addData(String script) {
        if (data == null) {
            data = new ArrayList<>(1);
        }
        data.add(script);
    }
}

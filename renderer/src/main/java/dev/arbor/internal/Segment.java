package dev.arbor.internal;

import java.util.ArrayList;

/**
 * An output buffer that may hold holes: text, then a child (a hole for an async node, a boundary
 * reference, an error region), then more text. Children fill in later; flushing walks the tree.
 */
final class Segment {
    /** Text written after the last child. */
    StringBuilder text;
    /** Earlier text and children, in order; {@code null} while the segment has no child. */
    private ArrayList<Object> parts;
    /** Set once the segment has been written to the sink. */
    boolean flushed;
    /** The id of the client-side markers around this segment, or -1 when it has none. */
    int markerId = -1;

    Segment(int capacity) {
        text = new StringBuilder(capacity);
    }

    Segment() {
        this(64);
    }

    /** Appends a child (a {@link Segment}, {@link Boundary} or {@link Region}) at the current position. */
    void addChild(Object child) {
        if (parts == null) {
            parts = new ArrayList<>(4);
        }
        if (text.length() > 0) {
            parts.add(text);
            text = new StringBuilder(64);
        }
        parts.add(child);
    }

    /** Drops everything written so far (an error replaces the content). */
    void reset() {
        parts = null;
        text = new StringBuilder(64);
    }

    ArrayList<Object> parts() {
        return parts;
    }
}

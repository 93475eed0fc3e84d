package dev.arbor.internal;

import dev.arbor.internal.wire.Utf8Out;

import java.util.ArrayList;

/**
 * An output buffer that may hold holes: parts (HTML, a hole for an async node, a boundary, an
 * error region), then trailing text. Holes fill in later; the {@link Flusher} walks the tree.
 */
final class Segment implements Part {
    /** Text written after the last part. */
    Utf8Out text;
    /** Earlier text and holes, in order; {@code null} while the segment has none. */
    private ArrayList<Part> parts;
    /** Set once the segment has been written to the output. */
    boolean flushed;
    /** The id of the region markers around this segment on the client, or -1 when it has none. */
    int markerId = -1;

    Segment(int capacity) {
        text = new Utf8Out(capacity);
    }

    Segment() {
        this(64);
    }

    /** Appends a part at the current position. */
    void add(Part part) {
        if (parts == null) {
            parts = new ArrayList<>(4);
        }
        if (text.length() > 0) {
            parts.add(new Part.Html(text));
            // The text after the hole gets the room the text before it had left: the root's
            // buffer is sized for the whole shell, and its text must not regrow from 64 bytes
            // by doubling after the runtime's place in the head and after every boundary.
            text = new Utf8Out(Math.max(64, text.capacity() - text.length()));
        }
        parts.add(part);
    }

    /**
     * @return the buffer the segment's output starts with (its text before any hole), to write
     *     the rest after it in place; {@code null} when the segment starts with a hole
     */
    Utf8Out leadingText() {
        if (parts == null) {
            return text;
        }
        return parts.get(0) instanceof Part.Html html ? html.html() : null;
    }

    /** Drops everything written so far (an error replaces the content). */
    void reset() {
        parts = null;
        text = new Utf8Out(64);
    }

    /** @return whether the segment is plain text, with no part */
    boolean isFlat() {
        return parts == null;
    }

    /**
     * Writes the segment and lets go of it: once sent, nothing of it needs to stay reachable
     * (an open stream holds only what is still pending).
     */
    @Override
    public void writeTo(Flusher flusher, Utf8Out out) {
        flushed = true;
        if (parts != null) {
            for (Part part : parts) {
                part.writeTo(flusher, out);
            }
        }
        if (text != out) {
            out.append(text);
        }
        parts = null;
        text = null;
    }
}

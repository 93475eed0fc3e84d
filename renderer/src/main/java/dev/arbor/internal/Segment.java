package dev.arbor.internal;

import dev.arbor.internal.wire.ArrayPool;
import dev.arbor.internal.wire.Utf8Out;

import java.util.ArrayList;

/**
 * An output buffer that may hold holes: parts (HTML, a hole for an async node, a boundary, an
 * error region), then trailing text. Holes fill in later; the {@link Flusher} walks the tree.
 *
 * <p>A segment made {@link #inside} another writes at the end of that segment's buffer rather than
 * into one of its own: content that ends up inline (a boundary complete at render time, an error
 * boundary with nothing left to fail) then costs no buffer and no copy. Such a segment takes its
 * bytes into a buffer of its own ({@link #detach}) as soon as it must stand apart, and its parent
 * writes nothing until it has been detached or {@linkplain #inlineInto inlined}: rendering is
 * depth-first, so the segments sharing a buffer end in the order they began.
 */
final class Segment implements Part {
    /** Text written after the last part; while shared, the bytes from {@link #from} on. */
    Utf8Out text;
    /** Where this segment's bytes start in a buffer it shares with its parent, or -1 when it owns {@link #text}. */
    private int from = -1;
    /** Earlier text and holes, in order; {@code null} while the segment has none. */
    private ArrayList<Part> parts;
    /** Set once the segment has been written to the output. */
    boolean flushed;
    /** The id of the region markers around this segment on the client, or -1 when it has none. */
    int markerId = -1;

    /**
     * @param capacity the buffer's first capacity
     * @param pool where its arrays come from, once they are large enough, and go back to
     */
    Segment(int capacity, ArrayPool pool) {
        text = new Utf8Out(capacity, pool);
    }

    /** @param pool where its arrays come from, once they are large enough, and go back to */
    Segment(ArrayPool pool) {
        this(64, pool);
    }

    private Segment(Utf8Out shared) {
        text = shared;
        from = shared.length();
    }

    /** @return a segment that writes at the end of {@code parent}'s buffer until it is detached */
    static Segment inside(Segment parent) {
        return new Segment(parent.text);
    }

    /** Takes the bytes written so far into a buffer of their own: the parent may write again. */
    void detach() {
        if (from >= 0) {
            text = text.cut(from);
            from = -1;
        }
    }

    /**
     * Puts the segment's text in its parent, where the segment began: nothing to do while it
     * shares the parent's buffer; a copy if it was detached and then reset (a failure replaced
     * content that had held a part). The segment owns nothing afterwards.
     *
     * @param parent the segment it was made {@link #inside}; flat, as the caller checked
     */
    void inlineInto(Segment parent) {
        if (from < 0) {
            parent.text.append(text);
            text.recycle();
        }
        text = null;
        from = -1;
    }

    /** Appends a part at the current position. */
    void add(Part part) {
        detach();
        if (parts == null) {
            parts = new ArrayList<>(4);
        }
        if (text.length() > 0) {
            parts.add(new Part.Html(text));
            // The text after the hole gets the room the text before it had left: the root's
            // buffer is sized for the whole shell, and its text must not regrow from 64 bytes
            // by doubling after the runtime's place in the head and after every boundary.
            text = text.another(Math.max(64, text.capacity() - text.length()));
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
        if (from >= 0) {
            text.setLength(from);
        } else {
            text = text.another(64); // not recycled: the error path is rare, and a part may still hold the old text
        }
    }

    /** @return whether the segment is plain text, with no part */
    boolean isFlat() {
        return parts == null;
    }

    @Override
    public int sizeHint() {
        int size = text == null ? 0 : from >= 0 ? text.length() - from : text.length();
        if (parts != null) {
            for (Part part : parts) {
                size += part.sizeHint();
            }
        }
        return size;
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
            if (from < 0) {
                text.recycle(); // its bytes are in the chunk now
            }
        }
        parts = null;
        text = null;
    }
}

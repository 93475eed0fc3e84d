package dev.arbor.internal;

import dev.arbor.internal.wire.ArrayPool;
import dev.arbor.internal.wire.Utf8Out;

import dev.arbor.internal.wire.Framing;
import dev.arbor.internal.wire.Instructions;
import dev.arbor.internal.wire.Wire;
import java.util.Queue;

/**
 * Writes what is ready into the next chunk, through the response's {@link Framing}: the shell once
 * nothing outside a boundary is pending; then each boundary that completed after its fallback was
 * sent, as a content and a swap; then the data collected on the way. One flush writes one
 * instruction list, after all of its contents.
 */
final class Flusher {
    private static final String[] POSTAMBLES = {"</body></html>", "</html>"};

    /**
     * The size of the last shell, shared by all renders: the next root buffer starts that large
     * instead of growing to it. Only a capacity hint, so races on it are harmless.
     */
    private static volatile int shellSizeHint = 4096;

    private final RenderRequest request;
    private final Framing framing;
    /** Where chunk arrays come from, when the output gives them back; {@code null} when it keeps them. */
    private final ArrayPool chunkPool;
    /** The instructions of the flush being written. */
    private final Instructions batch = new Instructions();
    /** Query state met in the shell that the framing cannot write in place. */
    private final Instructions early = new Instructions();
    private String postamble = "";
    private boolean shellSent;
    /** Writing a content: query state inside it joins the batch, before the content's swap. */
    private boolean inContent;
    /** The shell left regions waiting for a runtime that started before them: tell it to look. */
    private boolean announceRegions;

    Flusher(RenderRequest request, Framing framing, ArrayPool chunkPool) {
        this.request = request;
        this.framing = framing;
        this.chunkPool = chunkPool;
    }

    static int shellSizeHint() {
        return shellSizeHint;
    }

    /** @return where chunk arrays come from, or {@code null} when the output keeps them */
    ArrayPool chunkPool() {
        return chunkPool;
    }

    boolean shellSent() {
        return shellSent;
    }

    /**
     * Writes the next chunk: the shell if it has not gone out, the boundaries completed since, and
     * the one instruction list that swaps them in.
     *
     * @param root the shell's boundary, complete
     * @param completed boundaries that completed after their fallback went out; emptied
     * @return the chunk, possibly empty
     */
    Utf8Out chunk(Boundary root, Queue<Boundary> completed) {
        Utf8Out out = shellSent ? new Utf8Out(contentsSize(completed), chunkPool) : writeShell(root);
        Boundary b;
        while ((b = completed.poll()) != null) {
            if (b.abandoned || !b.clientPending || !b.completed) {
                continue; // dropped, or pending again: it is queued again when it completes
            }
            request.stopAwaitingOnClient(b);
            writeCompleted(b, out);
        }
        writeInstructions(out);
        return out;
    }

    /**
     * @return a chunk's starting capacity: its contents' bytes and room for their framing and the
     *     instruction list, so that it does not grow by doubling from a guess
     */
    private static int contentsSize(Queue<Boundary> completed) {
        if (completed.isEmpty()) {
            return 64; // most often nothing at all: a flush after a write was accepted, with nothing new
        }
        int size = 512;
        for (Boundary b : completed) {
            size += b.sizeHint() + 64;
        }
        return size;
    }

    private Utf8Out writeShell(Boundary root) {
        // The shell's leading text (all of it, for a shell without holes) is sized for the whole
        // shell: the rest is written after it in place, and the buffer goes out as it is.
        Utf8Out out = root.content.leadingText();
        if (out == null) {
            out = new Utf8Out(shellSizeHint, chunkPool);
        }
        root.content.writeTo(this, out);
        if (framing.isDocument()) {
            holdBackPostamble(out);
        }
        framing.closeShell(out, early);
        shellSizeHint = Math.max(4096, out.length() + (out.length() >> 3));
        shellSent = true;
        if (root.data != null) {
            batch.drainFrom(root.data);
            root.data = null;
        }
        if (request.awaitedOnClient() > 0 || request.clientData().runtimeRequired()) {
            // regions are waiting: the runtime marks them busy for assistive technology, and will
            // be needed for their swaps anyway; a runtime already in the head ran before they
            // existed, so an instruction list (even an empty one) makes it look again
            announceRegions = request.awaitedOnClient() > 0 && framing.runtimeSent();
            framing.runtime(out);
        }
        return out;
    }

    /** Writes a boundary that completed after its fallback went out: its content, then its swap. */
    private void writeCompleted(Boundary b, Utf8Out out) {
        int mark = framing.openContent(out);
        inContent = true;
        b.content.writeTo(this, out);
        inContent = false;
        framing.closeContent(out, mark);
        batch.swap(b.id);
        if (!b.replacement) {
            request.config().events().boundaryStreamed();
        }
        if (b.data != null) {
            batch.drainFrom(b.data);
            b.data = null;
        }
    }

    /** Ends a flush: the data due, then the one instruction list of this chunk. */
    private void writeInstructions(Utf8Out out) {
        request.clientData().pollQueries(); // before the end is decided: a pending query holds the stream
        batch.drainFrom(request.clientData().trailing());
        if (request.clientData().runtimeRequired()) {
            framing.runtime(out);
        }
        framing.instructions(out, batch, announceRegions);
        announceRegions = false;
    }

    /** @return what the document still owes at its very end ({@code </body></html>}) */
    String postamble() {
        return postamble;
    }

    // ---- parts, called back by Part.writeTo ----

    void writeBoundary(Boundary b, Utf8Out out) {
        if (b.abandoned) {
            return;
        }
        if (b.completed) {
            request.config().events().boundaryInlined();
            b.content.writeTo(this, out);
            if (b.data != null) {
                batch.drainFrom(b.data);
                b.data = null;
            }
            return;
        }
        b.id = request.nextRegionId();
        request.awaitOnClient(b);
        Wire.regionStart(out, b.id);
        if (b.fallback != null) {
            b.fallback.writeTo(this, out);
        }
        Wire.regionEnd(out);
    }

    void writeErrorRegion(Region.Error r, Utf8Out out) {
        if (r.abandoned) {
            return;
        }
        if (r.hasPendingBoundary()) {
            int id = request.nextRegionId();
            r.segment.markerId = id;
            Wire.regionStart(out, id);
            r.segment.writeTo(this, out);
            Wire.regionEnd(out);
        } else {
            r.segment.writeTo(this, out);
        }
    }

    void writeRuntime(Utf8Out out) {
        framing.runtime(out);
    }

    /**
     * Query state goes right before the HTML it wraps: in place in the shell; for a content, in the
     * batch before the content's swap (scripts inside a template would never run).
     */
    void writeQueries(String stateJson, Utf8Out out) {
        if (inContent) {
            batch.queries(stateJson);
        } else {
            early.queries(stateJson);
            framing.inShell(out, early);
        }
    }

    private void holdBackPostamble(Utf8Out out) {
        for (String p : POSTAMBLES) {
            if (out.endsWith(p)) {
                postamble = p;
                out.setLength(out.length() - p.length());
                return;
            }
        }
    }
}

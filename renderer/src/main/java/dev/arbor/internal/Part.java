package dev.arbor.internal;

import dev.arbor.internal.wire.Utf8Out;

/**
 * What a {@link Segment} holds before its trailing text: HTML, a hole filled later (a segment), a
 * boundary, an error region, or a place for the runtime or for query state. Each part writes
 * itself through the {@link Flusher}.
 */
sealed interface Part permits Part.Html, Part.RuntimeHere, Part.QueriesHere, Segment, Boundary, Region.Error {

    /**
     * @param flusher the flush in progress
     * @param out the chunk being written
     */
    void writeTo(Flusher flusher, Utf8Out out);

    /** @return about how many bytes {@link #writeTo} writes, framing aside: a capacity hint, never a limit */
    int sizeHint();

    /** Finished HTML. */
    record Html(Utf8Out html) implements Part {
        @Override
        public void writeTo(Flusher flusher, Utf8Out out) {
            if (html != out) { // the shell's leading text is the chunk itself: already in place
                out.append(html);
                html.recycle(); // written once: its segment drops its parts as it writes them
            }
        }

        @Override
        public int sizeHint() {
            return html.length();
        }
    }

    /** Where the page asked for the client runtime ({@code clientRuntime()} in its head). */
    enum RuntimeHere implements Part {
        INSTANCE;

        @Override
        public void writeTo(Flusher flusher, Utf8Out out) {
            flusher.writeRuntime(out);
        }

        @Override
        public int sizeHint() {
            return 0; // written once per page; the chunk grows for it
        }
    }

    /** A hydration boundary's query state, as JSON, due before the HTML it wraps. */
    record QueriesHere(String stateJson) implements Part {
        @Override
        public void writeTo(Flusher flusher, Utf8Out out) {
            flusher.writeQueries(stateJson, out);
        }

        @Override
        public int sizeHint() {
            return stateJson.length();
        }
    }
}

package dev.arbor;

import java.util.concurrent.CompletionStage;

/**
 * Where a streaming render writes its bytes. The renderer knows nothing of HTTP: a host adapts this
 * interface to its response (the Vert.x host adapts it to {@code HttpServerResponse}).
 *
 * <p>The renderer writes one chunk per flush point (the shell, then each batch of completed
 * boundaries) and never writes the next chunk before the stage returned for the previous one has
 * completed, so a sink that completes the stage only when its transport can take more gets
 * backpressure for free. Completed boundaries that arrive meanwhile are batched into the next chunk.
 *
 * <p>Calls come from the render's serial executor, one at a time.
 */
public interface RenderSink {

    /**
     * Writes one chunk of UTF-8 encoded HTML.
     *
     * @param chunk the bytes; the sink owns the array from now on
     * @return a stage that completes when the sink accepts more; completing it exceptionally aborts
     *     the render (the client is gone)
     */
    CompletionStage<Void> write(byte[] chunk);

    /**
     * Writes one chunk of UTF-8 encoded HTML held in part of an array: what the renderer calls. A
     * sink that can send a slice as it is (a Netty buffer wraps it) overrides this to save a copy;
     * by default the slice is copied into an array of its own for {@link #write(byte[])}.
     *
     * @param utf8 the array; the sink owns it from now on, the renderer never touches it again (a
     *     sink that names a {@link #bufferPool()} gives it back there once sent)
     * @param offset where the chunk starts
     * @param length how many bytes it has
     * @return as {@link #write(byte[])}
     */
    default CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        if (offset == 0 && length == utf8.length) {
            return write(utf8);
        }
        return write(java.util.Arrays.copyOfRange(utf8, offset, offset + length));
    }

    /**
     * The pool this sink gives each chunk's array back to, once its transport no longer reads it
     * ({@link BufferPool#release}); the renderer then takes its chunk buffers from that pool (those
     * of 1 KiB to 1 MiB: smaller and larger ones are plain arrays, which the pool drops when given
     * back). A host's sink usually answers with its renderer's {@link Renderer#bufferPool()}.
     *
     * <p>A chunk is the slice {@code [offset, offset + length)} of an array that is usually larger;
     * a pooled array's other bytes are an earlier render's: read only the slice. An array the sink
     * never gives back costs only its allocation.
     *
     * @return the pool, or {@code null} (the default): each chunk's array is then allocated for it,
     *     never reused, and the sink may keep it
     */
    default BufferPool bufferPool() {
        return null;
    }

    /** The document is complete; nothing more will be written. */
    void end();

    /**
     * The render failed before the shell (nothing was written): an error outside every boundary,
     * or the deadline passed while the shell was still pending. A host answers with an error page
     * that shows {@link RenderError#digest()}. The renderer has already reported the error under
     * that digest, unless its cause is a {@link RenderSignal} (a not-found, a redirect).
     *
     * @param error the error with its digest; never sent to the client by the renderer
     */
    void fail(RenderError error);
}

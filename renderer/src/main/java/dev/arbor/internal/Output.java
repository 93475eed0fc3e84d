package dev.arbor.internal;

import dev.arbor.internal.wire.ArrayPool;
import java.util.concurrent.CompletionStage;

/** Where a render's chunks go: the core's view of the API's sink. */
public interface Output {
    /**
     * @param utf8 the next chunk of the response, UTF-8: the first {@code length} bytes; the core
     *     never touches the array again, so the output may keep it without a copy
     * @param length how many bytes of {@code utf8} are the chunk
     * @return a stage that completes when the output takes more (fails when it never will)
     */
    CompletionStage<Void> write(byte[] utf8, int length);

    /**
     * @return the pool the output gives each chunk's array back to once sent, from which the
     *     render then takes its chunk buffers; {@code null} when the output keeps them (each chunk
     *     is then an array of its own, allocated for it and not reused)
     */
    default ArrayPool chunkPool() {
        return null;
    }

    /** The response is complete. */
    void end();

    /**
     * The render failed before anything was written.
     *
     * @param failure the reported error
     */
    void fail(Failure failure);
}

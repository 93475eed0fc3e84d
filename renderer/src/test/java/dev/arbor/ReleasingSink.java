package dev.arbor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A sink in front of another that gives every chunk's array back to the pool as soon as the other
 * has its copy, as the Vert.x host does once a write completes, only sooner: the next render
 * writes into the same arrays at once. With assertions on (as in tests) the pool fills every
 * array it takes back with {@code 0xFF}, which is never UTF-8: a renderer that read or sent an
 * array after giving it back would show it in its output. It notes each array it was given.
 */
final class ReleasingSink implements RenderSink {
    private final RenderSink copying;
    private final BufferPool pool;
    private final boolean release;
    /** The arrays of the chunks, in order. */
    final List<byte[]> arrays = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param copying a sink that copies what it is given (a {@link dev.arbor.testing.RecordingSink})
     * @param pool the renderer's pool
     */
    ReleasingSink(RenderSink copying, BufferPool pool) {
        this(copying, pool, true);
    }

    private ReleasingSink(RenderSink copying, BufferPool pool, boolean release) {
        this.copying = copying;
        this.pool = pool;
        this.release = release;
    }

    /** @return a sink that names {@code pool} (or none, when {@code null}) and keeps every array */
    static ReleasingSink keeping(RenderSink copying, BufferPool pool) {
        return new ReleasingSink(copying, pool, false);
    }

    @Override
    public BufferPool bufferPool() {
        return pool;
    }

    @Override
    public CompletionStage<Void> write(byte[] chunk) {
        return write(chunk, 0, chunk.length);
    }

    @Override
    public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        arrays.add(utf8);
        CompletionStage<Void> accepted = copying.write(Arrays.copyOfRange(utf8, offset, offset + length));
        if (release) {
            pool.release(utf8);
        }
        return accepted;
    }

    @Override
    public void end() {
        copying.end();
    }

    @Override
    public void fail(RenderError error) {
        copying.fail(error);
    }
}

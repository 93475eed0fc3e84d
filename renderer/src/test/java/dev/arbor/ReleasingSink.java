package dev.arbor;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * A sink in front of another that gives every chunk's array back to the pool as soon as the other
 * has its copy, as the Vert.x host does once a write completes, only sooner: the next render
 * writes into the same arrays at once. With assertions on (as in tests) the pool fills every
 * array it takes back with {@code 0xFF}, which is never UTF-8: a renderer that read or sent an
 * array after giving it back would show it in its output.
 */
final class ReleasingSink implements RenderSink {
    private final RenderSink copying;
    private final BufferPool pool;

    /**
     * @param copying a sink that copies what it is given (a {@link dev.arbor.testing.RecordingSink})
     * @param pool the renderer's pool
     */
    ReleasingSink(RenderSink copying, BufferPool pool) {
        this.copying = copying;
        this.pool = pool;
    }

    @Override
    public CompletionStage<Void> write(byte[] chunk) {
        return write(chunk, 0, chunk.length);
    }

    @Override
    public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
        CompletionStage<Void> accepted = copying.write(Arrays.copyOfRange(utf8, offset, offset + length));
        pool.release(utf8);
        return accepted;
    }

    @Override
    public BufferPool bufferPool() {
        return pool;
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

package dev.arbor;

import dev.arbor.internal.wire.ArrayPool;

/**
 * Byte arrays a {@link Renderer} writes its output into, used again from one render to the next.
 * A sink that knows when its transport has sent a chunk names a pool ({@link RenderSink#bufferPool()});
 * the renderer encodes its chunks into arrays from it (those of 1 KiB to 1 MiB), and the sink gives
 * each array back with {@link #release} once sent. A server streaming pages over and over then
 * allocates almost no output buffers: the Vert.x host gives each chunk back when its write
 * completes, whether it succeeded or failed.
 *
 * <pre>{@code
 * class ChannelSink implements RenderSink {
 *     public BufferPool bufferPool() {
 *         return renderer.bufferPool();
 *     }
 *
 *     public CompletionStage<Void> write(byte[] utf8, int offset, int length) {
 *         return channel.write(utf8, offset, length) // sent or failed: nothing reads the array any more
 *                 .whenComplete((sent, error) -> renderer.bufferPool().release(utf8));
 *     }
 *     // write(byte[]), end(), fail(RenderError)
 * }
 * }</pre>
 *
 * <p>Giving an array back is optional: an array never released is collected like any other, and a
 * later render allocates a new one. Releasing an array that is still being read is the one mistake
 * to avoid: a later render would write over it. A pooled array holds an earlier render's bytes
 * beyond the chunk: a sink reads only the slice it was given.
 *
 * <p>The renderer also takes from its own pool ({@link Renderer#bufferPool()}) the buffers its
 * pending parts grow into, and {@code renderToString}'s, and gives them back itself once their bytes
 * were copied. Arrays are kept in power-of-two sizes from 1 KiB to 1 MiB, up to the pool's maximum
 * in all. Safe for any number of threads; renderers may share one pool.
 */
public final class BufferPool {
    /** What {@link Renderer.Builder} uses when it is given no pool: 8 MiB retained at most. */
    public static final long DEFAULT_MAX_RETAINED_BYTES = 8L << 20;

    final ArrayPool arrays;

    private BufferPool(long maxRetainedBytes) {
        this.arrays = new ArrayPool(maxRetainedBytes);
    }

    /**
     * @param maxRetainedBytes how many bytes of idle arrays the pool may keep between renders; 0
     *     keeps none (every render allocates its buffers, as without a pool)
     * @return a new, empty pool
     */
    public static BufferPool create(long maxRetainedBytes) {
        if (maxRetainedBytes < 0) {
            throw new IllegalArgumentException("maxRetainedBytes must not be negative: " + maxRetainedBytes);
        }
        return new BufferPool(maxRetainedBytes);
    }

    /** @return a new, empty pool that keeps {@value #DEFAULT_MAX_RETAINED_BYTES} bytes at most */
    public static BufferPool create() {
        return create(DEFAULT_MAX_RETAINED_BYTES);
    }

    /**
     * Gives back the array of a chunk the sink has finished with. Call it once per array, and only
     * when nothing reads the array any more (the transport has written it, or the sink copied it).
     * Arrays the pool does not keep (other sizes, or beyond its maximum) are dropped.
     *
     * @param chunk the array a {@link RenderSink#write(byte[], int, int)} was given
     */
    public void release(byte[] chunk) {
        arrays.release(chunk);
    }

    /** @return how many bytes of idle arrays the pool holds now, for monitoring */
    public long retainedBytes() {
        return arrays.retainedBytes();
    }
}

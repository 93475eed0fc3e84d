package dev.arbor.internal.wire;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays used again: the output buffers of renders whose sink gives each written chunk back
 * once its transport no longer reads it. Arrays come in power-of-two sizes from
 * {@value #MIN_POOLED} bytes to 1 MiB, one stack per size; smaller or larger requests are plain
 * allocations, and so is any request the stacks cannot serve.
 *
 * <p>Why arrays and not Netty's pooled buffers: the renderer writes byte arrays and knows nothing
 * of a transport, and an array the sink never gives back is simply collected. A forgotten release
 * costs one allocation, never a leak; only a release while the array is still being read could do
 * harm, which is why only the sink (and, for buffers it copied from, the renderer itself) releases.
 *
 * <p>The pool keeps at most {@code maxRetained} bytes: a release beyond it drops the array. Safe
 * for any number of threads.
 */
public final class ArrayPool {
    /** The smallest size kept: below it an allocation is cheaper than the bookkeeping. */
    public static final int MIN_POOLED = 1 << 10;
    private static final int MIN_SHIFT = 10;
    private static final int MAX_SHIFT = 20;

    private final ArrayDeque<byte[]>[] stacks;
    private final long maxRetained;
    private final AtomicLong retained = new AtomicLong();

    /** @param maxRetained how many bytes the pool may keep between uses */
    @SuppressWarnings("unchecked")
    public ArrayPool(long maxRetained) {
        this.maxRetained = maxRetained;
        stacks = new ArrayDeque[MAX_SHIFT - MIN_SHIFT + 1];
        for (int i = 0; i < stacks.length; i++) {
            stacks[i] = new ArrayDeque<>();
        }
    }

    /**
     * @param minCapacity bytes needed
     * @return an array at least that large: from the pool (a power of two) when it has one, else new;
     *     its contents are whatever an earlier use left there
     */
    public byte[] acquire(int minCapacity) {
        int shift = shiftFor(minCapacity);
        if (shift < 0) {
            return new byte[minCapacity];
        }
        ArrayDeque<byte[]> stack = stacks[shift - MIN_SHIFT];
        byte[] array;
        synchronized (stack) {
            array = stack.pollLast(); // the most recently used: still in cache
        }
        if (array == null) {
            return new byte[1 << shift];
        }
        retained.addAndGet(-array.length);
        return array;
    }

    /**
     * Keeps an array for a later {@link #acquire}. The caller must not touch it again. Arrays of a
     * size the pool does not serve, and any array once the pool holds its maximum, are dropped.
     */
    public void release(byte[] array) {
        int length = array.length;
        if (Integer.bitCount(length) != 1 || length < MIN_POOLED || length > 1 << MAX_SHIFT) {
            return;
        }
        assert poison(array);
        if (retained.addAndGet(length) > maxRetained) {
            retained.addAndGet(-length);
            return;
        }
        ArrayDeque<byte[]> stack = stacks[Integer.numberOfTrailingZeros(length) - MIN_SHIFT];
        synchronized (stack) {
            assert stack.stream().noneMatch(kept -> kept == array) : "an array given back twice";
            stack.addLast(array);
        }
    }

    /**
     * With assertions on (tests), fills an array given back with {@code 0xFF}, never a UTF-8 byte:
     * output from an array used after its release shows at once.
     */
    private static boolean poison(byte[] array) {
        java.util.Arrays.fill(array, (byte) 0xFF);
        return true;
    }

    /** @return the bytes the pool holds between uses */
    public long retainedBytes() {
        return retained.get();
    }

    /** @return the size class for a request (log2 of the array's size), or -1 when none serves it */
    private static int shiftFor(int minCapacity) {
        if (minCapacity > 1 << MAX_SHIFT) {
            return -1;
        }
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(minCapacity, MIN_POOLED) - 1);
        return Math.max(shift, MIN_SHIFT);
    }
}

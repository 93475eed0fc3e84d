package dev.arbor.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 bytes, the render path's only output buffer: text is encoded (and
 * escaped) once, straight from the page's strings into bytes that go to the transport as they
 * are. Encodes as {@code String.getBytes(UTF_8)} does: a surrogate without its pair becomes
 * {@code ?}. Not thread-safe; one render writes it at a time.
 *
 * <p>A buffer made with an {@link ArrayPool} takes its arrays from it once they are
 * {@value ArrayPool#MIN_POOLED} bytes or more, gives back the array it outgrows, and gives back
 * its last one when {@link #recycle() recycled}; buffers made from it ({@link #cut},
 * {@link #another}) share its pool. Only bytes below {@link #length()} are ever output: a pooled
 * array holds an earlier render's bytes beyond them.
 */
public final class Utf8Out implements Appendable {
    /** For each ASCII character, whether {@link #appendEscaped} replaces it. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : "&<>\"'".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private byte[] buf;
    private int len;
    /** A high surrogate passed to {@link #append(char)}, waiting for its low half. */
    private char pendingHigh;
    /** Where arrays come from and go back to, or {@code null}. */
    private final ArrayPool pool;

    /** @param capacity the initial capacity, in bytes */
    public Utf8Out(int capacity) {
        this(capacity, null);
    }

    /**
     * @param capacity the initial capacity, in bytes
     * @param pool where arrays of {@value ArrayPool#MIN_POOLED} bytes or more come from, or {@code null}
     */
    public Utf8Out(int capacity, ArrayPool pool) {
        this.pool = pool;
        buf = pool != null && capacity >= ArrayPool.MIN_POOLED ? pool.acquire(capacity) : new byte[Math.max(16, capacity)];
    }

    /** @return an empty buffer with this one's pool */
    public Utf8Out another(int capacity) {
        return new Utf8Out(capacity, pool);
    }

    /**
     * Gives the array back to the pool: the buffer's bytes were copied elsewhere and it is never
     * used again. Without a pool, only drops the array.
     */
    public void recycle() {
        if (pool != null) {
            pool.release(buf);
        }
        buf = null;
        len = 0;
    }

    /** @return the bytes written so far */
    public int length() {
        return len;
    }

    /** @return how many bytes fit before the buffer grows */
    public int capacity() {
        return buf.length;
    }

    /**
     * Hands the array over: its first {@link #length()} bytes are the output ({@link #length()}
     * still tells how many). The buffer is done: any later write fails at once rather than grow
     * (and so give back) an array the taker still reads.
     *
     * @return the array
     */
    public byte[] handOff() {
        settle();
        byte[] array = buf;
        buf = null;
        return array;
    }

    /** @param length how many bytes to keep */
    public void setLength(int length) {
        settle();
        len = length;
    }

    private void ensure(int capacity) {
        if (capacity > buf.length) {
            grow(Math.max(capacity, buf.length << 1));
        }
    }

    private void grow(int capacity) {
        if (pool == null || capacity < ArrayPool.MIN_POOLED) {
            buf = Arrays.copyOf(buf, capacity);
            return;
        }
        byte[] bigger = pool.acquire(capacity);
        System.arraycopy(buf, 0, bigger, 0, len);
        pool.release(buf); // only this buffer holds it: handOff() leaves no array to grow
        buf = bigger;
    }

    /** A lone high surrogate passed to {@link #append(char)} becomes {@code ?}, as the JDK encodes it. */
    private void settle() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            ensure(len + 1);
            buf[len++] = '?';
        }
    }

    @Override
    public Utf8Out append(CharSequence csq) {
        if (csq instanceof String s) {
            return append(s);
        }
        return csq == null ? append("null") : append(csq, 0, csq.length());
    }

    @Override
    public Utf8Out append(CharSequence csq, int start, int end) {
        if (csq == null) {
            return append("null", start, end);
        }
        return append(csq.subSequence(start, end).toString());
    }

    /** Appends text as it is. */
    public Utf8Out append(String s) {
        settle();
        int n = s.length();
        ensure(len + n);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else {
                len = p;
                i = encode(s, i, c, n);
                b = buf;
                p = len;
            }
        }
        len = p;
        return this;
    }

    /** Appends an integer in decimal. */
    public Utf8Out append(int i) {
        return append(Integer.toString(i));
    }

    /** Appends another buffer's bytes. */
    public Utf8Out append(Utf8Out other) {
        settle();
        other.settle();
        ensure(len + other.len);
        System.arraycopy(other.buf, 0, buf, len, other.len);
        len += other.len;
        return this;
    }

    @Override
    public Utf8Out append(char c) {
        if (c < 0x80 && pendingHigh == 0) {
            ensure(len + 1);
            buf[len++] = (byte) c;
            return this;
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                ensure(len + 4);
                writeCodePoint(Character.toCodePoint(high, c));
                return this;
            }
            ensure(len + 1);
            buf[len++] = '?';
        }
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
            return this;
        }
        return append(String.valueOf(c));
    }

    /**
     * Appends text escaped for HTML ({@code & < > " '}): safe in text and in quoted attribute
     * values. Text without those characters is copied in one pass.
     */
    public Utf8Out appendEscaped(String s) {
        settle();
        int n = s.length();
        ensure(len + n);
        int run = 0; // start of the plain ASCII run not yet copied
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && !SPECIAL[c]) {
                continue;
            }
            copyAscii(s, run, i);
            if (c < 0x80) {
                ensure(len + 6 + (n - i));
                writeEntity(c);
            } else {
                i = encode(s, i, c, n);
            }
            run = i + 1;
        }
        copyAscii(s, run, n);
        return this;
    }

    /** Copies ASCII characters {@code [from, to)} of {@code s}: one array copy for a Latin-1 string. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) keeps the low byte of each char: exact for ASCII
    private void copyAscii(String s, int from, int to) {
        if (to > from) {
            s.getBytes(from, to, buf, len);
            len += to - from;
        }
    }

    private void writeEntity(char c) {
        String rep = switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default -> "&#x27;";
        };
        for (int k = 0; k < rep.length(); k++) {
            buf[len++] = (byte) rep.charAt(k);
        }
    }

    /**
     * Encodes the non-ASCII character at {@code i}, and its low surrogate if it is a pair.
     *
     * @return the index of the last character consumed
     */
    private int encode(String s, int i, char c, int n) {
        ensure(len + 4 + (n - i));
        if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | (c >> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else if (!Character.isSurrogate(c)) {
            buf[len++] = (byte) (0xE0 | (c >> 12));
            buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            writeCodePoint(Character.toCodePoint(c, s.charAt(i + 1)));
            return i + 1;
        } else {
            buf[len++] = '?';
        }
        return i;
    }

    private void writeCodePoint(int cp) {
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
    }

    /**
     * Moves the bytes from {@code from} on into a buffer of their own, sized for them (exactly,
     * or a pool's power of two), and drops them from this one.
     *
     * @param from a byte offset, at most {@link #length()}
     * @return the bytes moved
     */
    public Utf8Out cut(int from) {
        settle();
        Utf8Out tail = new Utf8Out(len - from, pool);
        System.arraycopy(buf, from, tail.buf, 0, len - from);
        tail.len = len - from;
        len = from;
        return tail;
    }

    /** Inserts text at a byte offset (framing prefixes). */
    public void insert(int at, Utf8Out text) {
        settle();
        text.settle();
        ensure(len + text.len);
        System.arraycopy(buf, at, buf, at + text.len, len - at);
        System.arraycopy(text.buf, 0, buf, at, text.len);
        len += text.len;
    }

    /** @return whether the bytes end with the ASCII text {@code suffix} */
    public boolean endsWith(String suffix) {
        settle();
        int at = len - suffix.length();
        if (at < 0) {
            return false;
        }
        for (int k = 0; k < suffix.length(); k++) {
            if (buf[at + k] != (byte) suffix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return how many UTF-16 code units the bytes from {@code from} on decode to */
    public int utf16Length(int from) {
        settle();
        int units = 0;
        for (int k = from; k < len; k++) {
            int b = buf[k] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                units += b >= 0xF0 ? 2 : 1;
            }
        }
        return units;
    }

    /** @return the bytes decoded */
    @Override
    public String toString() {
        settle();
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}

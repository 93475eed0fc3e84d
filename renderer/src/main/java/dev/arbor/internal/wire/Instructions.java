package dev.arbor.internal.wire;

/**
 * An instruction list being written: a JSON array of operations that the runtime applies in order
 * (see {@link Wire}). Values arrive as JSON text already made safe for a script.
 */
public final class Instructions {
    private final StringBuilder json = new StringBuilder(32);
    private int swaps;

    /**
     * Replaces region {@code id} with the next content of the response.
     *
     * @param id the region
     */
    public void swap(int id) {
        separate().append(id);
        swaps++;
    }

    /**
     * Resolves {@code arbor.deferred(key)}.
     *
     * @param keyJson the key, as JSON
     * @param valueJson the value, as JSON
     */
    public void data(String keyJson, String valueJson) {
        separate().append("[\"d\",").append(keyJson).append(',').append(valueJson).append(']');
    }

    /**
     * Rejects {@code arbor.deferred(key)}.
     *
     * @param keyJson the key, as JSON
     * @param errorJson what the client may know of the error ({@code digest}, maybe {@code message})
     */
    public void dataError(String keyJson, String errorJson) {
        separate().append("[\"d\",").append(keyJson).append(",null,").append(errorJson).append(']');
    }

    /**
     * Hydrates the client's query cache.
     *
     * @param stateJson a dehydrated state, as JSON
     */
    public void queries(String stateJson) {
        separate().append("[\"q\",").append(stateJson).append(']');
    }

    /**
     * Appends every operation of another list, which is left empty.
     *
     * @param other the list
     */
    public void drainFrom(Instructions other) {
        if (other.json.length() > 0) {
            separate().append(other.json);
            swaps += other.swaps;
            other.clear();
        }
    }

    /** @return whether no operation was written */
    public boolean isEmpty() {
        return json.length() == 0;
    }

    /** @return how many contents the list's swaps consume */
    public int swaps() {
        return swaps;
    }

    /**
     * Writes the list as a JSON array.
     *
     * @param out where
     */
    public void writeTo(Utf8Out out) {
        out.append('[').append(json).append(']');
    }

    /** @return the number of characters {@link #writeTo} writes */
    public int length() {
        return json.length() + 2;
    }

    /** Empties the list. */
    public void clear() {
        json.setLength(0);
        swaps = 0;
    }

    private StringBuilder separate() {
        if (json.length() > 0) {
            json.append(',');
        }
        return json;
    }

    @Override
    public String toString() {
        return "[" + json + "]";
    }
}

package dev.arbor.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Development mode only: where rendering is, as the path of elements and Arbor nodes from the root
 * ({@code body › main#feed › errorBoundary › suspense › async}), so that an error view can say where
 * an error happened. Tags push and pop as j2html renders them; an exception skips the pops, so the
 * path at the throw is still there when the innermost catch records it, and each catch then cuts
 * the path back to its own depth.
 */
final class ComponentPath {
    private static final String SEPARATOR = " › ";

    private final ArrayList<String> labels = new ArrayList<>();
    /** A start tag is open: its id and class still decorate the top label. */
    private boolean tagOpen;
    /** Where each error was thrown, recorded by the innermost catch. */
    private final Map<Throwable, String> thrownAt = new IdentityHashMap<>();

    int depth() {
        return labels.size();
    }

    void push(String label) {
        labels.add(label);
        tagOpen = false;
    }

    void pushTag(String name) {
        labels.add(name);
        tagOpen = true;
    }

    /** An empty tag or a start tag completed: no attribute decorates the path any more. */
    void closeTag() {
        tagOpen = false;
    }

    void attribute(String name, String value) {
        if (!tagOpen || value == null || value.isEmpty()) {
            return;
        }
        int top = labels.size() - 1;
        if ("id".equals(name)) {
            labels.set(top, labels.get(top) + "#" + value);
        } else if ("class".equals(name)) {
            labels.set(top, labels.get(top) + "." + value.trim().split("\\s+")[0]);
        }
    }

    void pop() {
        if (!labels.isEmpty()) {
            labels.remove(labels.size() - 1);
        }
        tagOpen = false;
    }

    /** Cuts the path back to {@code depth}, after a render that may have thrown. */
    void cut(int depth) {
        while (labels.size() > depth) {
            labels.remove(labels.size() - 1);
        }
        tagOpen = false;
    }

    /** Where rendering is, as a list to restore later (when an async node's value renders). */
    List<String> snapshot() {
        return List.copyOf(labels);
    }

    void restore(List<String> snapshot) {
        labels.clear();
        labels.addAll(snapshot);
        tagOpen = false;
    }

    /** Records where {@code error} was thrown, unless a deeper catch did already. */
    void thrown(Throwable error) {
        thrownAt.putIfAbsent(error, toString());
    }

    /** @return where {@code error} was thrown, if a catch recorded it */
    String thrownAt(Throwable error) {
        return thrownAt.get(error);
    }

    @Override
    public String toString() {
        return String.join(SEPARATOR, labels);
    }
}

package dev.arbor;

/**
 * Marks a throwable that steers the response instead of reporting a bug: a not-found or a redirect
 * thrown by a loader or a component (the Vert.x host's {@code Halt} is one). When it fails a render
 * before the shell, the renderer does not report it and hands it to {@link RenderSink#fail}, where
 * the host turns it into a status code. When a boundary has to show it (after the shell no status
 * can change), it is reported like any other error.
 */
public interface RenderSignal {
}

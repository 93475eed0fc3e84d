package dev.arbor;

/**
 * How a streamed response carries the page: one protocol (regions, contents, instruction lists;
 * see {@code docs/protocol.md}) in two framings.
 */
public enum WireFormat {
    /**
     * An HTML document for a browser's first load or a crawler: the shell, then {@code <template>}
     * contents and one instruction script per flush. The default.
     */
    DOCUMENT,
    /**
     * Frames for a page that is already running (navigations, preloads, actions):
     * {@code h<length>:<html>} for the shell and every content, {@code i<length>:<json>} for
     * instruction lists; no scripts. Lengths count UTF-16 code units.
     */
    FRAMES
}

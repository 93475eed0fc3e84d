package dev.arbor.internal.wire;

/**
 * Arbor's wire protocol, the Java half: every marker, id and instruction that a response carries is
 * spelled here and nowhere else in Java (the runtime's source in {@code src/main/js} is the client
 * half; {@code docs/protocol.md} explains both). For internal use only: not exported.
 *
 * <p>A <em>region</em> is a run of siblings the server may replace later: a Suspense boundary sent
 * with its fallback, or an error boundary sent while something inside it was pending. Regions are
 * written {@code <!--$N-->...<!--/$-->} with ids from one sequence per response. Everything after
 * the shell is an {@link Instructions instruction list}; a {@link Framing} carries contents and
 * instruction lists in one of two ways: as an HTML document, or as frames for a running page.
 */
public final class Wire {
    /** The id of the runtime's script element: written once per response. */
    public static final String RUNTIME_ID = "arbor-runtime";
    /** The runtime's global that applies an instruction list. */
    public static final String APPLY = "$a";
    /** An island's element carries its registered name in this attribute. */
    public static final String ISLAND_ATTRIBUTE = "data-arbor-island";
    /** An island's props, as JSON, in this attribute. */
    public static final String PROPS_ATTRIBUTE = "data-props";
    /** The element every island renders as. */
    public static final String ISLAND_TAG = "div";

    private static final String REGION_START = "<!--$";
    private static final String REGION_END = "<!--/$-->";
    private static final String REGION_END_DATA = "/$";

    private Wire() {
    }

    /**
     * Writes the start marker of region {@code id}.
     *
     * @param out where
     * @param id the region's id
     */
    public static void regionStart(Utf8Out out, int id) {
        out.append(REGION_START).append(id).append("-->");
    }

    /**
     * Writes the end marker of a region.
     *
     * @param out where
     */
    public static void regionEnd(Utf8Out out) {
        out.append(REGION_END);
    }

    /**
     * @param commentData the text of an HTML comment
     * @return the id of the region it starts, or -1 when it is no region start marker
     */
    public static int regionStartId(String commentData) {
        if (commentData.length() < 2 || commentData.charAt(0) != '$') {
            return -1;
        }
        int id = 0;
        for (int i = 1; i < commentData.length(); i++) {
            char c = commentData.charAt(i);
            if (c < '0' || c > '9' || i > 9) {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /**
     * @param commentData the text of an HTML comment
     * @return whether it ends a region
     */
    public static boolean isRegionEnd(String commentData) {
        return REGION_END_DATA.equals(commentData);
    }

    /**
     * Reads an instruction script of the document framing.
     *
     * @param scriptData the text of a script element
     * @return the instruction list (a JSON array) it applies, or {@code null} when it is not one
     */
    public static String instructionList(String scriptData) {
        String s = scriptData.strip();
        if (s.startsWith(APPLY + "([") && s.endsWith("])")) {
            return s.substring(APPLY.length() + 1, s.length() - 1);
        }
        return null;
    }

    /**
     * One frame of the frame framing.
     *
     * @param type {@code 'h'} for a content (HTML), {@code 'i'} for an instruction list (JSON)
     * @param payload the frame's text
     */
    public record Frame(char type, String payload) {
    }

    /**
     * Reads a response in the frame framing.
     *
     * @param text the whole response
     * @return its frames, in order
     * @throws IllegalArgumentException when the text is not a sequence of whole frames
     */
    public static java.util.List<Frame> readFrames(String text) {
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            char type = text.charAt(at);
            int colon = text.indexOf(':', at);
            if ((type != 'h' && type != 'i') || colon < at + 2) {
                throw new IllegalArgumentException("Not a frame at " + at + ": " + snippet(text, at));
            }
            int length;
            try {
                length = Integer.parseInt(text, at + 1, colon, 10);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad frame length at " + at + ": " + snippet(text, at), e);
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw new IllegalArgumentException("Frame at " + at + " is cut short: " + snippet(text, at));
            }
            frames.add(new Frame(type, text.substring(colon + 1, end)));
            at = end;
        }
        return frames;
    }

    private static String snippet(String text, int at) {
        return text.substring(at, Math.min(text.length(), at + 40));
    }

    /**
     * Writes an island's start tag.
     *
     * @param out where
     * @param name the island's name (escaped here, for an attribute)
     * @param props its props as JSON (escaped here, for an attribute)
     */
    public static void islandStart(Utf8Out out, String name, String props) {
        out.append('<').append(ISLAND_TAG).append(' ').append(ISLAND_ATTRIBUTE).append("=\"").appendEscaped(name)
                .append("\" ").append(PROPS_ATTRIBUTE).append("=\"").appendEscaped(props).append("\">");
    }

    /**
     * Writes an island's end tag.
     *
     * @param out where
     */
    public static void islandEnd(Utf8Out out) {
        out.append("</").append(ISLAND_TAG).append('>');
    }
}

package dev.arbor.internal.wire;

/**
 * How one response carries the shell, contents and instruction lists (see {@link Wire}). One
 * instance per response: it remembers whether the runtime went out.
 */
public abstract class Framing {
    Framing() {
    }

    /**
     * The HTML document: contents are {@code <template>}s, each flush's instructions one script.
     *
     * @param nonce the CSP nonce for every script, or {@code null}
     * @param runtime the client runtime's source, written once before the first script needing it
     * @return the framing
     */
    public static Framing document(String nonce, String runtime) {
        return new DocumentFraming(nonce, runtime);
    }

    /**
     * Frames for a running page (navigations, preloads, actions): {@code h<length>:<html>} for a
     * content (the shell is the first), {@code i<length>:<json>} for an instruction list.
     *
     * @return the framing
     */
    public static Framing frames() {
        return new FrameFraming();
    }

    /**
     * Ends the shell, which fills {@code out} from its start. Instructions met inside it that could
     * not be written in place (query state, in frames) are written before it.
     *
     * @param out the shell
     * @param early instructions that must precede the shell; emptied
     */
    public abstract void closeShell(Utf8Out out, Instructions early);

    /**
     * @return whether this framing writes an HTML document (whose closing tags are held back
     *     until the end, so that later chunks land inside its body)
     */
    public abstract boolean isDocument();

    /**
     * Instructions met while writing the shell, at their place (query state before the HTML it
     * wraps).
     *
     * @param out where
     * @param list the instructions; emptied if written here, left as they are when this framing
     *     cannot write them in place (they are then written by {@link #closeShell})
     */
    public abstract void inShell(Utf8Out out, Instructions list);

    /**
     * Starts a content: the HTML that the next swap puts in place of its region.
     *
     * @param out where
     * @return a mark to hand to {@link #closeContent}
     */
    public abstract int openContent(Utf8Out out);

    /**
     * Ends a content.
     *
     * @param out where
     * @param mark from {@link #openContent}
     */
    public abstract void closeContent(Utf8Out out, int mark);

    /**
     * Writes an instruction list, after the contents its swaps consume, and empties it.
     *
     * @param out where
     * @param list the instructions; nothing is written when it is empty
     */
    public final void instructions(Utf8Out out, Instructions list) {
        instructions(out, list, false);
    }

    /**
     * Writes an instruction list, after the contents its swaps consume, and empties it.
     *
     * @param out where
     * @param list the instructions
     * @param evenIfEmpty write an empty list too: applying one makes the runtime look for new
     *     regions (to mark them busy)
     */
    public abstract void instructions(Utf8Out out, Instructions list, boolean evenIfEmpty);

    /**
     * Writes the client runtime if this response has not had it yet.
     *
     * @param out where
     */
    public abstract void runtime(Utf8Out out);

    /** @return whether the runtime was written */
    public abstract boolean runtimeSent();

    /** {@code <template>} contents and {@code <script>$a([...])</script>} instructions. */
    private static final class DocumentFraming extends Framing {
        private final String scriptOpen;
        private final String runtime;
        private boolean runtimeSent;

        DocumentFraming(String nonce, String runtime) {
            this.scriptOpen = nonce == null ? "<script>" : "<script nonce=\"" + nonce + "\">";
            this.runtime = runtime;
        }

        @Override
        public void closeShell(Utf8Out out, Instructions early) {
            instructions(out, early); // nothing: the shell writes its instructions in place
        }

        @Override
        public boolean isDocument() {
            return true;
        }

        @Override
        public void inShell(Utf8Out out, Instructions list) {
            instructions(out, list);
        }

        @Override
        public int openContent(Utf8Out out) {
            out.append("<template>");
            return out.length();
        }

        @Override
        public void closeContent(Utf8Out out, int mark) {
            out.append("</template>");
        }

        @Override
        public void instructions(Utf8Out out, Instructions list, boolean evenIfEmpty) {
            if (list.isEmpty() && !evenIfEmpty) {
                return;
            }
            runtime(out);
            out.append(scriptOpen).append(Wire.APPLY).append('(');
            list.writeTo(out);
            out.append(")</script>");
            list.clear();
        }

        @Override
        public void runtime(Utf8Out out) {
            if (!runtimeSent) {
                runtimeSent = true;
                out.append(scriptOpen.substring(0, scriptOpen.length() - 1)).append(" id=\"").append(Wire.RUNTIME_ID)
                        .append("\">").append(runtime).append("</script>");
            }
        }

        @Override
        public boolean runtimeSent() {
            return runtimeSent;
        }
    }

    /** Length-prefixed frames: the runtime applies them itself, so there are no scripts. */
    private static final class FrameFraming extends Framing {
        @Override
        public void closeShell(Utf8Out out, Instructions early) {
            closeContent(out, 0);
            if (!early.isEmpty()) {
                Utf8Out frame = new Utf8Out(early.length() + 8);
                instructions(frame, early);
                out.insert(0, frame);
            }
        }

        @Override
        public boolean isDocument() {
            return false;
        }

        @Override
        public void inShell(Utf8Out out, Instructions list) {
            // a frame cannot hold another: the list waits for closeShell
        }

        @Override
        public int openContent(Utf8Out out) {
            return out.length();
        }

        @Override
        public void closeContent(Utf8Out out, int mark) {
            Utf8Out prefix = new Utf8Out(16);
            prefix.append('h').append(out.utf16Length(mark)).append(':');
            out.insert(mark, prefix);
        }

        @Override
        public void instructions(Utf8Out out, Instructions list, boolean evenIfEmpty) {
            if (list.isEmpty()) {
                return; // the runtime applying frames marks a new outlet's regions itself
            }
            out.append('i').append(list.length()).append(':');
            list.writeTo(out);
            list.clear();
        }

        @Override
        public void runtime(Utf8Out out) {
            // the page that reads frames runs the runtime already
        }

        @Override
        public boolean runtimeSent() {
            return true;
        }
    }
}

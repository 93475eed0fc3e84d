package dev.arbor.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.internal.wire.Wire;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Replays a streamed render with jsoup, the way the browser and Arbor's client runtime see it:
 * {@link #shell()} is the document after the first chunk (fallbacks in place), {@link #document()}
 * the document after every chunk with every instruction applied (content swapped in, runtime and
 * instruction scripts gone). For a correct render, {@code document()} equals the document that
 * {@code Renderer.renderToString} gives for the same tree:
 *
 * <pre>{@code
 * RecordingSink sink = new RecordingSink();
 * renderer.stream(page(), sink);
 * data.complete(value);
 * StreamReplay replay = StreamReplay.of(sink);
 * assertTrue(replay.shell().select(".skeleton").size() > 0);
 * assertEquals(StreamReplay.normalized(renderer.renderToString(page()).toCompletableFuture().join()),
 *              replay.normalizedDocument());
 * }</pre>
 *
 * Requires jsoup on the test classpath.
 */
public final class StreamReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> chunks;
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Map<String, JsonNode> errors = new LinkedHashMap<>();
    private final Map<String, JsonNode> queries = new LinkedHashMap<>();
    private Document document;
    private int instructions;

    private StreamReplay(List<String> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    /**
     * @param chunks the chunks as the sink received them
     * @return the replay
     */
    public static StreamReplay of(List<String> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("Nothing was streamed: the render wrote no chunk");
        }
        return new StreamReplay(chunks);
    }

    /**
     * @param sink a sink a render wrote to
     * @return the replay of what it received so far
     */
    public static StreamReplay of(RecordingSink sink) {
        return of(sink.chunks());
    }

    /**
     * Replays a response in the frame framing ({@code WireFormat.FRAMES}), as the runtime applies
     * it to a running page: {@link #shell()} is the first content (the page's outlet), with
     * fallbacks; {@link #document()} the outlet after every frame, wrapped in a document's body.
     *
     * @param sink a sink a render in the frame framing wrote to
     * @return the replay
     */
    public static StreamReplay ofFrames(RecordingSink sink) {
        return ofFrames(sink.chunks());
    }

    /**
     * @param chunks the chunks of a response in the frame framing
     * @return the replay
     * @see #ofFrames(RecordingSink)
     */
    public static StreamReplay ofFrames(List<String> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        // each frame becomes its document-framing twin; the same replay then applies both
        List<String> html = new ArrayList<>();
        StringBuilder early = new StringBuilder(); // instructions before the shell: query state
        StringBuilder contents = new StringBuilder(); // contents waiting for their instruction list
        for (Wire.Frame frame : Wire.readFrames(String.join("", chunks))) {
            boolean shellSeen = !html.isEmpty();
            if (frame.type() == 'h' && !shellSeen) {
                html.add(early + frame.payload());
            } else if (frame.type() == 'h') {
                contents.append("<template>").append(frame.payload()).append("</template>");
            } else {
                String script = "<script>" + Wire.APPLY + "(" + frame.payload() + ")</script>";
                if (shellSeen) {
                    html.add(contents + script);
                    contents.setLength(0);
                } else {
                    early.append(script);
                }
            }
        }
        if (html.isEmpty()) {
            throw new IllegalArgumentException("No content frame: the response has no shell");
        }
        return of(html);
    }

    /** @return the chunks */
    public List<String> chunks() {
        return chunks;
    }

    /**
     * @return what the browser shows after the first chunk alone: the shell, fallbacks in place;
     *     no instruction applied
     */
    public Document shell() {
        return Jsoup.parse(chunks.get(0));
    }

    /**
     * @param n how many chunks
     * @return the document after the first {@code n} chunks, their instructions applied
     */
    public Document after(int n) {
        if (n < 1 || n > chunks.size()) {
            throw new IllegalArgumentException("n must be within 1.." + chunks.size() + ", was " + n);
        }
        return apply(Jsoup.parse(String.join("", chunks.subList(0, n))), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** @return the final document: every chunk, every instruction applied */
    public Document document() {
        if (document == null) {
            values.clear();
            errors.clear();
            queries.clear();
            instructions = 0;
            document = apply(Jsoup.parse(String.join("", chunks)), values, errors, queries);
        }
        return document;
    }

    /** @return {@link #normalized(Document)} of the final document */
    public String normalizedDocument() {
        return normalized(document().clone());
    }

    /** @return the number of swaps (boundary contents, and error views replacing a region) in the stream */
    public int boundaryInstructions() {
        document();
        return instructions;
    }

    /** @return the deferred values sent to the client, by key, in arrival order */
    public Map<String, JsonNode> deferredValues() {
        document();
        return Collections.unmodifiableMap(values);
    }

    /** @return the rejected deferred values (their redacted error), by key */
    public Map<String, JsonNode> deferredErrors() {
        document();
        return Collections.unmodifiableMap(errors);
    }

    /**
     * The client's query cache after the stream, as the runtime builds it from every hydration
     * boundary and streamed query: by query hash, the latest state ({@code status}, {@code data},
     * {@code dataUpdatedAt}, {@code error}). Like the runtime, a pending state never replaces a
     * settled one and older data never replaces newer.
     *
     * @return the cache
     */
    public Map<String, JsonNode> queryCache() {
        document();
        return Collections.unmodifiableMap(queries);
    }

    /**
     * The HTML of a document in one canonical form for comparison: Arbor's scripts applied (see
     * {@link #settle(String)}), not pretty-printed, without Arbor's region markers.
     *
     * @param html a document
     * @return its canonical HTML
     */
    public static String normalized(String html) {
        return normalized(settle(html));
    }

    /**
     * Parses a document and applies Arbor's scripts in it as the runtime would: what a browser
     * shows once they ran. Use it on {@code renderToString} output, whose data scripts (deferred
     * values, query state) remove themselves in a browser.
     *
     * @param html a complete document
     * @return the document with Arbor's scripts applied and gone
     */
    public static Document settle(String html) {
        return of(List.of(html)).document();
    }

    /**
     * @param doc a document; markers are removed from it
     * @return its canonical HTML
     */
    public static String normalized(Document doc) {
        List<Comment> markers = new ArrayList<>();
        collectComments(doc, markers);
        for (Comment c : markers) {
            String data = c.getData();
            if (Wire.isRegionEnd(data) || Wire.regionStartId(data) >= 0) {
                c.remove(); // an error region that never failed keeps its markers
            }
        }
        doc.outputSettings().prettyPrint(false);
        return doc.outerHtml();
    }

    private Document apply(Document doc, Map<String, JsonNode> values, Map<String, JsonNode> errors,
            Map<String, JsonNode> queries) {
        for (Element script : new ArrayList<>(doc.select("script"))) {
            if (script.parent() == null) {
                continue;
            }
            if (Wire.RUNTIME_ID.equals(script.id())) {
                script.remove();
                continue;
            }
            String list = Wire.instructionList(script.data());
            if (list == null) {
                continue; // a page's own script
            }
            JsonNode ops = readList(list);
            ArrayDeque<Element> contents = contentsBefore(script, ops);
            for (JsonNode op : ops) {
                if (op.isInt()) {
                    swap(doc, op.asInt(), contents.poll());
                    instructions++;
                } else if ("q".equals(op.get(0).asText())) {
                    hydrate(op.get(1), queries);
                } else if (op.size() > 3) {
                    errors.put(op.get(1).asText(), op.get(3));
                } else {
                    values.put(op.get(1).asText(), op.get(2));
                }
            }
            script.remove();
        }
        return doc;
    }

    /** The templates a script's swaps consume: the elements right before it, in document order. */
    private static ArrayDeque<Element> contentsBefore(Element script, JsonNode ops) {
        int swaps = 0;
        for (JsonNode op : ops) {
            if (op.isInt()) {
                swaps++;
            }
        }
        ArrayDeque<Element> contents = new ArrayDeque<>(swaps);
        Element e = script.previousElementSibling();
        for (int i = 0; i < swaps; i++) {
            if (e == null || !e.tagName().equals("template")) {
                throw new IllegalStateException("Instruction " + script.data() + " swaps " + swaps
                        + " regions but only " + i + " templates precede it");
            }
            contents.addFirst(e);
            e = e.previousElementSibling();
        }
        return contents;
    }

    /** Replaces region {@code id}, markers included, with a template's content; a missing region drops it. */
    private static void swap(Document doc, int id, Element template) {
        Comment start = null;
        List<Comment> comments = new ArrayList<>();
        collectComments(doc, comments);
        for (Comment c : comments) {
            if (Wire.regionStartId(c.getData()) == id) {
                start = c;
                break;
            }
        }
        if (start == null) {
            template.remove();
            return;
        }
        Node n = start.nextSibling();
        int depth = 0;
        while (n != null) {
            if (n instanceof Comment) {
                String data = ((Comment) n).getData();
                if (Wire.isRegionEnd(data)) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (Wire.regionStartId(data) >= 0) {
                    depth++;
                }
            }
            Node next = n.nextSibling();
            n.remove();
            n = next;
        }
        for (Node child : new ArrayList<>(template.childNodes())) {
            if (n != null) {
                n.before(child);
            } else {
                ((Element) start.parent()).appendChild(child);
            }
        }
        if (n != null) {
            n.remove();
        }
        start.remove();
        template.remove();
    }

    private static void hydrate(JsonNode state, Map<String, JsonNode> queries) {
        for (JsonNode query : state.get("queries")) {
            String hash = query.get("queryHash").asText();
            JsonNode incoming = query.get("state");
            JsonNode current = queries.get(hash);
            String status = incoming.get("status").asText();
            boolean settled = current != null && !"pending".equals(current.get("status").asText());
            if ("pending".equals(status) && settled) {
                continue;
            }
            if (current != null && "success".equals(current.get("status").asText())
                    && ("error".equals(status) || current.get("dataUpdatedAt").asLong() >= incoming.get("dataUpdatedAt").asLong())) {
                continue;
            }
            queries.put(hash, incoming);
        }
    }

    private static JsonNode readList(String list) {
        try {
            return JSON.readTree(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Malformed Arbor instruction list: " + list, e);
        }
    }

    private static void collectComments(Node node, List<Comment> into) {
        for (Node child : node.childNodes()) {
            if (child instanceof Comment) {
                into.add((Comment) child);
            } else {
                collectComments(child, into);
            }
        }
    }
}

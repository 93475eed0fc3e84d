package dev.arbor.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern INSTRUCTION = Pattern.compile("^\\$(ac|ae|ad|aq)\\((.*)\\)$", Pattern.DOTALL);
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

    /** @return the number of boundary instructions ({@code $ac}, {@code $ae}) in the stream */
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
     * {@link #settle(String)}), not pretty-printed, without Arbor's error-region markers.
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
            if (data.equals("/e") || data.startsWith("e:")) {
                c.remove();
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
            if ("arbor-runtime".equals(script.id())) {
                script.remove();
                continue;
            }
            Matcher m = INSTRUCTION.matcher(script.data().trim());
            if (!m.matches()) {
                continue; // a page's own script
            }
            String args = m.group(2);
            switch (m.group(1)) {
                case "ac":
                    completeBoundary(doc, Integer.parseInt(args.trim()));
                    instructions++;
                    break;
                case "ae":
                    replaceErrorRegion(doc, Integer.parseInt(args.trim()));
                    instructions++;
                    break;
                case "aq":
                    hydrate(args, queries);
                    break;
                default:
                    resolveDeferred(args, values, errors);
            }
            script.remove();
        }
        return doc;
    }

    private static void completeBoundary(Document doc, int id) {
        Element anchor = doc.getElementById("aB" + id);
        Element content = doc.getElementById("aS" + id);
        if (anchor == null || content == null) {
            if (content != null) {
                content.remove();
            }
            return;
        }
        Node start = anchor.previousSibling();
        Node end = swap(start, content);
        if (end != null) {
            end.remove();
        }
        start.remove();
    }

    private static void replaceErrorRegion(Document doc, int id) {
        Element content = doc.getElementById("aS" + id);
        List<Comment> comments = new ArrayList<>();
        collectComments(doc, comments);
        for (Comment c : comments) {
            if (c.getData().equals("e:" + id)) {
                swap(c, content);
                return;
            }
        }
        if (content != null) {
            content.remove();
        }
    }

    /** Removes what lies between a start marker and its end marker and puts the template's content there. */
    private static Node swap(Node start, Element template) {
        Node n = start.nextSibling();
        int depth = 0;
        while (n != null) {
            if (n instanceof Comment) {
                String v = ((Comment) n).getData();
                if (v.equals("/$") || v.equals("/e")) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (v.equals("$") || v.startsWith("e:")) {
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
        template.remove();
        return n;
    }

    private static void resolveDeferred(String args, Map<String, JsonNode> values, Map<String, JsonNode> errors) {
        JsonNode call = readArgs(args);
        String key = call.get(0).asText();
        if (call.size() > 2) {
            errors.put(key, call.get(2));
        } else {
            values.put(key, call.get(1));
        }
    }

    private static void hydrate(String args, Map<String, JsonNode> queries) {
        JsonNode state = readArgs(args).get(0);
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

    private static JsonNode readArgs(String args) {
        try {
            return JSON.readTree("[" + args + "]");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Malformed Arbor instruction arguments: " + args, e);
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

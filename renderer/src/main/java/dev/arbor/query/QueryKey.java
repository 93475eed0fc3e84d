package dev.arbor.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names a query: an immutable array of JSON values, as TanStack Query's {@code queryKey}.
 *
 * <pre>{@code
 * QueryKey.of("posts", Map.of("page", 2, "sort", "new"))
 * }</pre>
 *
 * Parts may be strings, numbers, booleans, {@code null}, lists, maps and anything else Jackson
 * turns into JSON (records, POJOs, java.time values as ISO-8601). The parts are converted to JSON
 * once, when the key is made; later changes to the objects passed in do not change the key.
 *
 * <p>A key is the value that JavaScript would hold after reading its JSON, and its {@link #hash()}
 * is exactly what TanStack Query's {@code hashKey} computes for that value in the browser, so a
 * query hydrated from the server is found under the same hash there. In particular:
 * <ul>
 *   <li>numbers are JavaScript numbers (doubles): {@code 1}, {@code 1L}, {@code 1.0} and
 *       {@code BigDecimal("1.00")} are the same part; {@code 9007199254740993L} reads as
 *       {@code 9007199254740992}; they are written as {@code Number::toString} writes them
 *       ({@code 1e+21}, {@code 1e-7}, {@code 0.0001}), as RFC 8785 also specifies; {@code -0}
 *       is {@code 0}; NaN and the infinities become {@code null}, as in {@code JSON.stringify};</li>
 *   <li>object fields are sorted by name (UTF-16 order), except that names which are array
 *       indices ({@code "0"}, {@code "17"}) come first in numeric order, as in any JavaScript
 *       object; a field named {@code __proto__} is dropped, as TanStack's hash drops it. So
 *       {@code Map.of("a", 1, "b", 2)} and {@code Map.of("b", 2, "a", 1)} make the same key;</li>
 *   <li>strings are escaped as {@code JSON.stringify} escapes them: control characters and lone
 *       surrogates with lower-case hex digits (<code>&#92;u001f</code>), everything else as is.</li>
 * </ul>
 * {@code QueryKeyTanStackTest} checks this against {@code @tanstack/query-core}'s own
 * {@code hashKey}, run in Node, over a generated corpus.
 */
public final class QueryKey {
    // Thread-safe once configured; only used to turn values into trees and trees into text.
    private static final ObjectMapper DEFAULT_MAPPER = Json.newMapper();
    /** 2^63: doubles below it in magnitude that are whole fit a long exactly. */
    private static final double LONG_LIMIT = 9223372036854775808d;

    private final ArrayNode parts;
    private final String hash;

    private QueryKey(ArrayNode canonicalParts) {
        this.parts = canonicalParts;
        this.hash = JsKeyHash.hash(canonicalParts);
    }

    /**
     * A key of the given parts, converted to JSON with Arbor's default mapper
     * ({@link Json.newMapper()}).
     *
     * @param parts the parts, in order; may be empty (the empty key is a prefix of every key)
     * @return the key
     * @throws IllegalArgumentException when a part cannot be converted to JSON
     */
    public static QueryKey of(Object... parts) {
        Objects.requireNonNull(parts, "parts");
        return from(DEFAULT_MAPPER, Arrays.asList(parts));
    }

    /**
     * A key of the given parts, converted to JSON with {@code mapper}: use it when parts need the
     * application's own Jackson modules or serializers.
     *
     * @param mapper converts each part to a JSON tree
     * @param parts the parts, in order
     * @return the key
     * @throws IllegalArgumentException when a part cannot be converted to JSON
     */
    public static QueryKey from(ObjectMapper mapper, List<?> parts) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(parts, "parts");
        ArrayNode canonical = JsonNodeFactory.instance.arrayNode(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Object part = parts.get(i);
            JsonNode tree;
            try {
                tree = mapper.valueToTree(part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Query key part " + i + " (" + describe(part)
                        + ") cannot be converted to JSON: " + e.getMessage(), e);
            }
            canonical.add(canonicalize(tree));
        }
        return new QueryKey(canonical);
    }

    /**
     * Reads a key from its JSON form, a JSON array such as {@code ["posts",{"page":2}]}: the form
     * that {@link #hash()} and {@link #toJson()} give, so a client can name a query it received.
     *
     * @param json a JSON array
     * @return the key; its hash equals the hash of the key the JSON was written from
     * @throws IllegalArgumentException when {@code json} is not well-formed JSON or not an array
     */
    public static QueryKey parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree;
        try {
            tree = DEFAULT_MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A query key must be a JSON array; not well-formed JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isArray()) {
            throw new IllegalArgumentException("A query key must be a JSON array, got "
                    + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().toString().toLowerCase()));
        }
        return new QueryKey((ArrayNode) canonicalize(tree));
    }

    /**
     * The stable hash: the key's JSON with object fields sorted at every depth, for example
     * {@code ["posts",{"page":2,"sort":"new"}]}, written as JavaScript writes it (see the class
     * comment). It is TanStack's {@code queryHash}, under which queries are cached and sent to
     * the client.
     *
     * @return the hash
     */
    public String hash() {
        return hash;
    }

    /** @return the number of parts */
    public int size() {
        return parts.size();
    }

    /**
     * The key as a JSON array, fields ordered and numbers normalized as in the hash: whole numbers
     * as longs, others as doubles.
     *
     * @return a new copy, free to modify
     */
    public ArrayNode toJson() {
        return parts.deepCopy();
    }

    /**
     * True when {@code prefix} partially matches this key, as TanStack's {@code partialMatchKey}:
     * every part of the prefix matches the part at the same index, where objects match when every
     * field of the prefix's object matches (other fields may differ), arrays match element by
     * element in the same way, and other values match when equal. So {@code ["posts"]} matches
     * {@code ["posts", 1]}, and {@code ["posts", {"page": 2}]} matches
     * {@code ["posts", {"page": 2, "sort": "new"}]}.
     *
     * @param prefix the partial key
     * @return whether this key starts with {@code prefix}
     */
    public boolean startsWith(QueryKey prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return partialMatch(parts, prefix.parts);
    }

    private static boolean partialMatch(JsonNode value, JsonNode pattern) {
        if (pattern.isObject()) {
            if (!value.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : pattern.properties()) {
                JsonNode actual = value.get(field.getKey());
                if (actual == null || !partialMatch(actual, field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (pattern.isArray()) {
            if (!value.isArray() || value.size() < pattern.size()) {
                return false;
            }
            for (int i = 0; i < pattern.size(); i++) {
                if (!partialMatch(value.get(i), pattern.get(i))) {
                    return false;
                }
            }
            return true;
        }
        // Scalars are canonical (numbers normalized), so node equality is JSON value equality.
        return pattern.equals(value);
    }

    /** Equal when the hashes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof QueryKey && ((QueryKey) o).hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    /** @return the {@link #hash() hash} */
    @Override
    public String toString() {
        return hash;
    }

    /** A new tree: the value JavaScript reads from the JSON, fields in the order of the hash. */
    private static JsonNode canonicalize(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                names.add(field.getKey());
            }
            ObjectNode ordered = JsonNodeFactory.instance.objectNode();
            for (String name : JsKeyHash.jsOrder(names)) {
                ordered.set(name, canonicalize(node.get(name)));
            }
            return ordered;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                copy.add(canonicalize(element));
            }
            return copy;
        }
        if (node.isNumber()) {
            return canonicalNumber(node);
        }
        if (node.isPojo() || node.isBinary()) {
            // valueToTree leaves some values (byte[] and the like) as embedded objects: use their JSON text form.
            return JsonNodeFactory.instance.textNode(node.asText());
        }
        return node.deepCopy();
    }

    /** The JavaScript number (a double) that reading this number's JSON gives. */
    private static JsonNode canonicalNumber(JsonNode node) {
        double value;
        if (node.isFloat()) {
            // 0.1f should read 0.1, as its JSON text does, not 0.10000000149011612.
            value = Double.parseDouble(NumberOutput.toString(node.floatValue(), true));
        } else if (node.isBigDecimal() || node.isBigInteger()) {
            value = Double.parseDouble(node.numberValue().toString()); // correctly rounded, as JSON.parse
        } else if (node.isIntegralNumber()) {
            value = node.longValue(); // rounds to the nearest double, as JSON.parse
        } else {
            value = node.doubleValue();
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value == Math.rint(value) && Math.abs(value) < LONG_LIMIT) {
            return JsonNodeFactory.instance.numberNode((long) value); // also turns -0.0 into 0
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    private static String describe(Object part) {
        return part == null ? "null" : part.getClass().getName();
    }
}

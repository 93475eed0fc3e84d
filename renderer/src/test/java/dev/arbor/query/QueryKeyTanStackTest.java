package dev.arbor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;

/**
 * {@link QueryKey#hash()} equals what {@code @tanstack/query-core}'s own {@code hashKey} computes
 * in Node for the same key, over a generated corpus: JSON texts read with {@link QueryKey#parse}
 * and Java values made into keys with {@link QueryKey#of}. The corpus is generated with jqwik from
 * fixed seeds (the same every run), and holds the cases that once differed: numbers that JavaScript
 * writes differently from Java, integer-like object keys, control characters, lone surrogates.
 *
 * <p>Needs Node 20 and {@code npm ci} run in {@code renderer/} ({@code .ci/run} does it).
 */
class QueryKeyTanStackTest {
    private static final Path PACKAGE = Path.of("node_modules", "@tanstack", "query-core", "package.json");
    private static final Path SCRIPT = Path.of("src", "test", "js", "hash-keys.mjs");
    /** Writes the corpus as ASCII, every other character (lone surrogates too) as a \\u escape. */
    private static final JsonMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static final List<String> KEY_NAMES = List.of("0", "1", "2", "9", "10", "01", "-1", "1.5", "1e3",
            "4294967294", "4294967295", "4294967296", "99999999999", "__proto__", "constructor", "toJSON",
            "hasOwnProperty", "", "a", "b", "B", "aa", "é", "\u00e9t\u00e9", "\ud800", "\udc00x", "\ud83c\udf32", " ",
            "\u0000", "\u001f", "\u007f", "\u2028");
    private static final List<String> NUMBER_TEXTS = List.of("0", "-0", "-0.0", "0.0", "1", "1.0", "1e0", "1E+0",
            "0.0001", "0.00001", "0.000001", "0.0000001", "1e-7", "1e-6", "12345678.5", "123456789012345678901",
            "1e21", "1e20", "999999999999999999999", "100000000000000000000", "9007199254740991", "9007199254740992",
            "9007199254740993", "-9007199254740993", "18446744073709551616", "1e300", "1.7976931348623157e308",
            "2e308", "-2e308", "5e-324", "4.9e-324", "1e-324", "2.5e-324", "1.5e-323", "2.2250738585072014e-308",
            "0.1", "0.2", "0.30000000000000004", "1.005", "123e-20", "1.23456789012345678901234567890",
            "4.35", "0.000001234", "1234567890123456789e-30");
    private static final List<Character> CHARS = List.of('a', 'Z', '0', ' ', '"', '\\', '/', '\b', '\t', '\n',
            '\f', '\r', '\u0000', '\u0001', '\u001b', '\u001f', '\u007f', '\u0080', '\u00e9', '\u2028', '\u2029',
            '\ufeff', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83c', '\udf32', '<', '>', '&', '\'');

    @Example // a jqwik example, so that the arbitraries can generate outside a property
    void hashesEqualTanStacksHashKeyOverAGeneratedCorpus() throws Exception {
        List<String> json = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        // Keys read from JSON text, as the refetch endpoint reads them.
        for (String text : corpusTexts()) {
            json.add(text);
            expected.add(QueryKey.parse(text).hash());
        }
        // Keys made from Java values; the browser reads them as the JSON the server sends.
        for (QueryKey key : corpusKeys()) {
            json.add(ASCII.writeValueAsString(key.toJson()));
            expected.add(key.hash());
        }

        List<String> tanstack = hashKeyInNode(json);

        assertEquals(json.size(), tanstack.size(), "one hash per key from Node");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            if (!expected.get(i).equals(tanstack.get(i))) {
                mismatches.add(json.get(i) + "\n    TanStack: " + ASCII.writeValueAsString(tanstack.get(i))
                        + "\n    Arbor:    " + ASCII.writeValueAsString(expected.get(i)));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + json.size() + " keys hash differently:\n"
                + mismatches.stream().limit(15).collect(Collectors.joining("\n")));
    }

    /** Hand-picked keys first, then generated ones. */
    private static List<String> corpusTexts() {
        List<String> texts = new ArrayList<>();
        for (String number : NUMBER_TEXTS) {
            texts.add("[" + number + "]");
        }
        texts.add("[{\"b\":1,\"a\":2,\"10\":3,\"2\":4,\"01\":5,\"-1\":6,\"4294967295\":7,\"4294967294\":8}]");
        texts.add("[{\"__proto__\":{\"polluted\":true},\"a\":1}, {\"__proto__\":null}, {\"__proto__\":1,\"x\":[]}]");
        texts.add("[{\"constructor\":null,\"b\":1,\"a\":0}, {\"constructor\":{\"prototype\":{}},\"b\":1,\"a\":0}]");
        texts.add("[\"\\u0001\\u001F\\u007f\\b\\t\\n\\f\\r\\\"\\\\\\/\", \"\\uD800\", \"x\\uDC00\", \"\\uD83C\\uDF32\"]");
        texts.add("[{\"a\":1,\"a\":2}]");
        texts.add("[]");
        Random random = new Random(8);
        var generator = arrayText(jsonText(3)).generator(100);
        for (int i = 0; i < 4000; i++) {
            texts.add(generator.next(random).value());
        }
        return texts;
    }

    private static List<QueryKey> corpusKeys() {
        List<QueryKey> keys = new ArrayList<>();
        keys.add(QueryKey.of(0.0001, 12345678.5, 1e21, 9007199254740993L, Double.MIN_VALUE, -0.0, 0.1f, 1e-7));
        keys.add(QueryKey.of(Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("123456789012345678901234567890"),
                new BigDecimal("0.1000000000000000055511151231257827"), new BigDecimal("1E+400"), Float.MIN_VALUE,
                Double.NaN, Double.NEGATIVE_INFINITY));
        Map<String, Object> integerLike = new LinkedHashMap<>();
        for (String name : KEY_NAMES) {
            integerLike.put(name, name.length());
        }
        keys.add(QueryKey.of(integerLike));
        keys.add(QueryKey.of("\u0001\u001f\u007f\ud800 \udc00\ud83c\udf32\u2028"));
        Random random = new Random(17);
        var generator = javaValue(3).list().ofMaxSize(4).generator(100);
        for (int i = 0; i < 4000; i++) {
            keys.add(QueryKey.from(ASCII, generator.next(random).value()));
        }
        return keys;
    }

    // ---- JSON text, as a client might send it ----

    private static Arbitrary<String> jsonText(int depth) {
        Arbitrary<String> scalar = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, numberText()),
                net.jqwik.api.Tuple.of(3, stringText()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("true", "false", "null")));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = jsonText(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, arrayText(inner)),
                net.jqwik.api.Tuple.of(2, objectText(inner)));
    }

    private static Arbitrary<String> arrayText(Arbitrary<String> element) {
        return element.list().ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]");
    }

    private static Arbitrary<String> objectText(Arbitrary<String> value) {
        Arbitrary<String> member = Combinators.combine(keyName().map(QueryKeyTanStackTest::quoted), value)
                .as((k, v) -> k + ":" + v);
        return member.list().ofMaxSize(6).map(list -> "{" + String.join(",", list) + "}");
    }

    private static Arbitrary<String> numberText() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(24)
                .map(s -> s.replaceFirst("^0+(?=.)", ""));
        Arbitrary<String> decimal = Combinators.combine(
                Arbitraries.of("", "-"), digits,
                Arbitraries.strings().numeric().ofMaxLength(20),
                Arbitraries.integers().between(-340, 330),
                Arbitraries.of(true, false))
                .as((sign, whole, fraction, exponent, withExponent) -> sign + whole
                        + (fraction.isEmpty() ? "" : "." + fraction) + (withExponent ? "e" + exponent : ""));
        Arbitrary<String> fromBits = Arbitraries.longs().map(Double::longBitsToDouble)
                .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).map(String::valueOf);
        Arbitrary<String> subnormal = Arbitraries.longs().between(1, 5000).map(Double::longBitsToDouble).map(String::valueOf);
        Arbitrary<String> nearSafe = Arbitraries.longs().between(-4096, 4096)
                .map(d -> String.valueOf(9007199254740992L + d * 7));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.of(NUMBER_TEXTS)),
                net.jqwik.api.Tuple.of(3, decimal),
                net.jqwik.api.Tuple.of(3, fromBits),
                net.jqwik.api.Tuple.of(1, subnormal),
                net.jqwik.api.Tuple.of(1, nearSafe),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(String::valueOf)));
    }

    private static Arbitrary<String> stringText() {
        return anyString().map(QueryKeyTanStackTest::quoted);
    }

    private static Arbitrary<String> keyName() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(KEY_NAMES)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 5_000_000_000L).map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, anyString()));
    }

    private static Arbitrary<String> anyString() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(CHARS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()))
                .list().ofMaxSize(6)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** A JSON string literal of {@code s}, with every non-ASCII or control character as a \\u escape. */
    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04X", (int) c)); // upper case: JSON.parse reads both
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    // ---- Java values, as page code makes keys ----

    private static Arbitrary<Object> javaValue(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).map(d -> (Object) d),
                Arbitraries.integers().map(Float::intBitsToFloat).map(f -> (Object) f),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(-5000, 5000).map(d -> (Object) (9007199254740992L + d)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(b -> (Object) b),
                Arbitraries.bigDecimals().ofScale(12).map(b -> (Object) b),
                anyString().map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = javaValue(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(2, Arbitraries.maps(keyName(), inner).ofMaxSize(5)
                        .map(m -> (Object) new LinkedHashMap<>(m))));
    }

    // ---- Node ----

    private List<String> hashKeyInNode(List<String> keys) throws IOException, InterruptedException {
        if (!Files.isRegularFile(PACKAGE)) {
            fail("@tanstack/query-core is not installed: run `npm ci` in renderer/ (.ci/run does) before the tests");
        }
        Path dir = Files.createTempDirectory("hash-keys");
        Path input = dir.resolve("keys.jsonl");
        Path output = dir.resolve("hashes.jsonl");
        Files.write(input, keys, StandardCharsets.UTF_8);
        Process node;
        try {
            node = new ProcessBuilder("node", SCRIPT.toString(), input.toString(), output.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("Node (20 or later) must be on the PATH to run TanStack's hashKey: " + e, e);
        }
        String log = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("node did not finish in 60 s: " + log);
        }
        assertEquals(0, node.exitValue(), "node failed: " + log);
        List<String> hashes = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            var value = ASCII.readTree(line);
            hashes.add(value.isTextual() ? value.textValue() : "hashKey threw: " + value);
        }
        Files.delete(input);
        Files.delete(output);
        Files.delete(dir);
        return hashes;
    }
}

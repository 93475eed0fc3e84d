package dev.arbor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryKeyTest {

    record Filter(String sort, int page) {
    }

    @Test
    void hashIsTheKeysJsonWithObjectFieldsSorted() {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("sort", "new");
        filter.put("page", 2);
        assertEquals("[\"posts\",{\"page\":2,\"sort\":\"new\"}]", QueryKey.of("posts", filter).hash());
    }

    @Test
    void mapFieldOrderDoesNotChangeTheKey() {
        QueryKey ab = QueryKey.of("x", Map.of("a", 1, "b", 2));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        QueryKey other = QueryKey.of("x", ba);
        assertEquals(ab.hash(), other.hash());
        assertEquals(ab, other);
        assertEquals(ab.hashCode(), other.hashCode());
    }

    @Test
    void nestedMapsInsideListsAreSortedAtEveryDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", true);
        inner.put("m", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("y", List.of(inner, Map.of("k", "v")));
        outer.put("a", Map.of("d", 4, "c", 3));
        assertEquals("[{\"a\":{\"c\":3,\"d\":4},\"y\":[{\"m\":null,\"z\":true},{\"k\":\"v\"}]}]",
                QueryKey.of(outer).hash());
    }

    @Test
    void listOrderIsSignificant() {
        assertNotEquals(QueryKey.of("a", "b"), QueryKey.of("b", "a"));
        assertNotEquals(QueryKey.of(List.of(1, 2)), QueryKey.of(List.of(2, 1)));
    }

    @Test
    void numbersHashAsJavaScriptWouldPrintThem() {
        QueryKey integer = QueryKey.of(1);
        assertEquals("[1]", integer.hash());
        assertEquals(integer, QueryKey.of(1L));
        assertEquals(integer, QueryKey.of(1.0));
        assertEquals(integer, QueryKey.of(1.0f));
        assertEquals(integer, QueryKey.of(new BigDecimal("1.00")));
        assertEquals(integer, QueryKey.of((short) 1));
        assertEquals("[0.5,0.1,-3,0]", QueryKey.of(0.5, 0.1f, -3, -0.0).hash());
        assertEquals("[null,null]", QueryKey.of(Double.NaN, Double.POSITIVE_INFINITY).hash());
        assertNotEquals(QueryKey.of(1), QueryKey.of("1"));
        assertNotEquals(QueryKey.of(1), QueryKey.of(true));
    }

    @Test
    void numbersAreWrittenAsJavaScriptsNumberToStringWritesThem() {
        assertEquals("[0.0001,12345678.5,1e+21,1e-7,5e-324,123456789012345680000]",
                QueryKey.of(0.0001, 12345678.5, 1e21, 1e-7, Double.MIN_VALUE, 123456789012345678901d).hash());
        assertEquals("[9007199254740992,1152921504606847000]",
                QueryKey.of(9007199254740993L, 1L << 60).hash(), "JavaScript reads the nearest double");
        assertEquals(QueryKey.of(9007199254740992L), QueryKey.parse("[9007199254740993]"));
        assertEquals("[1e+21,null]", QueryKey.parse("[999999999999999999999, 2e308]").hash());
    }

    @Test
    void integerLikeFieldNamesComeFirstInNumericOrderAsInAJavaScriptObject() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("b", "10", "a", "2", "01", "-1", "4294967295", "4294967294")) {
            fields.put(name, 0);
        }
        assertEquals("[{\"2\":0,\"10\":0,\"4294967294\":0,\"-1\":0,\"01\":0,\"4294967295\":0,\"a\":0,\"b\":0}]",
                QueryKey.of(fields).hash());
    }

    @Test
    void aFieldNamedProtoIsDroppedAsTanStacksHashDropsIt() {
        assertEquals(QueryKey.of(Map.of("a", 1)), QueryKey.parse("[{\"__proto__\":{\"x\":1},\"a\":1}]"));
        assertEquals("[{\"a\":1}]", QueryKey.parse("[{\"__proto__\":null,\"a\":1}]").toJson().toString());
    }

    @Test
    void stringsAreEscapedAsJsonStringifyEscapesThem() {
        assertEquals("[\"\\u0001\\u001f\u007f\\b\\n\\\"\\\\/\u2028\\ud800x\\udc00\ud83c\udf32\"]",
                QueryKey.of("\u0001\u001f\u007f\b\n\"\\/\u2028\ud800x\udc00\ud83c\udf32").hash());
    }

    @Test
    void recordsAndJavaTimeBecomeJson() {
        assertEquals("[\"posts\",{\"page\":3,\"sort\":\"top\"}]", QueryKey.of("posts", new Filter("top", 3)).hash());
        assertEquals("[\"2024-05-06\",\"2024-05-06T07:08:09Z\"]",
                QueryKey.of(LocalDate.of(2024, 5, 6), Instant.parse("2024-05-06T07:08:09Z")).hash());
    }

    @Test
    void laterChangesToThePartsDoNotChangeTheKey() {
        List<String> tags = new java.util.ArrayList<>(List.of("a"));
        QueryKey key = QueryKey.of("tags", tags);
        tags.add("b");
        assertEquals("[\"tags\",[\"a\"]]", key.hash());
        key.toJson().add("mutated");
        assertEquals(2, key.size());
    }

    @Test
    void partsThatAreNotJsonAreRefusedWithTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryKey.of("ok", new Object()));
        assertTrue(e.getMessage().contains("part 1"), e.getMessage());
    }

    @Test
    void parseReadsWhatHashWrote() {
        QueryKey key = QueryKey.of("posts", Map.of("page", 2, "sort", "new"), List.of(1, 2.5), null, true);
        QueryKey parsed = QueryKey.parse(key.hash());
        assertEquals(key, parsed);
        assertEquals(key.hash(), parsed.hash());
    }

    @Test
    void parseCanonicalizesFieldOrderAndNumbers() {
        assertEquals(QueryKey.of("x", Map.of("a", 1, "b", 2)), QueryKey.parse("[\"x\", {\"b\": 2.0, \"a\": 1}]"));
    }

    @Test
    void parseRefusesWhatIsNotAJsonArray() {
        for (String bad : Arrays.asList("{\"a\":1}", "\"posts\"", "42", "", "[1,", "not json")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryKey.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("A query key must be a JSON array"), e.getMessage());
        }
    }

    @Test
    void startsWithMatchesPrefixesPartByPart() {
        QueryKey key = QueryKey.of("posts", Map.of("page", 2, "sort", "new"), List.of("a", "b"));
        assertTrue(key.startsWith(QueryKey.of()));
        assertTrue(key.startsWith(QueryKey.of("posts")));
        assertTrue(key.startsWith(QueryKey.of("posts", Map.of("page", 2))));
        assertTrue(key.startsWith(QueryKey.of("posts", Map.of(), List.of("a"))));
        assertTrue(key.startsWith(key));
        assertFalse(key.startsWith(QueryKey.of("post")));
        assertFalse(key.startsWith(QueryKey.of("posts", Map.of("page", 3))));
        assertFalse(key.startsWith(QueryKey.of("posts", Map.of("missing", 1))));
        assertFalse(key.startsWith(QueryKey.of("posts", List.of())));
        assertFalse(QueryKey.of("posts").startsWith(key));
        assertTrue(QueryKey.of("n", 2).startsWith(QueryKey.of("n", 2.0)));
    }
}

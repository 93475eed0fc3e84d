package dev.arbor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class QueryKeyPropertiesTest {

    @Property
    void hashIsInvariantUnderMapInsertionOrder(@ForAll("values") Object value, @ForAll long seed) {
        Object shuffled = shuffleMaps(value, new Random(seed));
        QueryKey original = QueryKey.of("k", value);
        QueryKey reordered = QueryKey.of("k", shuffled);
        assertEquals(original.hash(), reordered.hash());
        assertEquals(original, QueryKey.parse(reordered.hash()));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s),
                () -> Arbitraries.integers().map(i -> (Object) i),
                () -> Arbitraries.of(true, false).map(b -> (Object) b),
                () -> values().list().ofMaxSize(3).map(l -> (Object) l),
                () -> Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(3), values()).ofMaxSize(4)
                        .map(m -> (Object) m));
    }

    /** The same value with every map's entries re-inserted in a random order. */
    private static Object shuffleMaps(Object value, Random random) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.shuffle(entries, random);
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : entries) {
                copy.put(e.getKey(), shuffleMaps(e.getValue(), random));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object element : list) {
                copy.add(shuffleMaps(element, random));
            }
            return copy;
        }
        return value;
    }
}

package dev.arbor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.internal.Json;

/** The JSON defaults Arbor uses when a user gives no {@link ObjectMapper} of their own. */
public final class ArborJson {
    private ArborJson() {
    }

    /**
     * A new mapper with Arbor's defaults: java.time types as ISO-8601 strings, not timestamps.
     * Register more modules on it as usual.
     *
     * @return a new, independent mapper
     */
    public static ObjectMapper newMapper() {
        return Json.newMapper();
    }
}

/**
 * Arbor's renderer: the DSL ({@code dev.arbor}), the query cache ({@code dev.arbor.query}) and
 * the jsoup-based test helpers ({@code dev.arbor.testing}). {@code dev.arbor.internal} and its
 * subpackages are the implementation and stay unexported: nothing outside this module can reach
 * past the DSL's checks.
 */
// j2html 1.6 has no module descriptor; it is an automatic module under the stable name its
// manifest declares (Automatic-Module-Name: com.j2html), which is what javac warns about here.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.arbor.renderer {
    exports dev.arbor;
    exports dev.arbor.query;
    exports dev.arbor.testing;

    // The API speaks in j2html's DomContent and in Jackson's ObjectMapper and JsonNode: users read both.
    requires transitive com.j2html;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    // Only dev.arbor.testing needs jsoup, and only in tests, whose users bring jsoup themselves:
    // optional, and not transitive, so that a modular application compiles without it.
    requires static org.jsoup;
}

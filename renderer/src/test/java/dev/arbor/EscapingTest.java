package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** User data in text, attributes and deferred JSON never turns into markup or script. */
class EscapingTest {
    static List<String> payloads() {
        return List.of(
                "<script>alert(1)</script>",
                "</script><script>alert(1)</script>",
                "<!--",
                "<!-- --><script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>",
                "' onmouseover='alert(1)",
                "</template><script>alert(1)</script>",
                "<svg/onload=alert(1)>",
                "\u2028\u2029 line separators",
                "&lt;already escaped&gt; & ampersand",
                "]]><![CDATA[",
                "</title></head><body onload=alert(1)>",
                "<!--/$--><!--$0-->",
                "\\u003cscript\\u003e",
                "javascript:alert(1)",
                "$a([0])");
    }

    private final Fixtures f = new Fixtures();

    @ParameterizedTest
    @MethodSource("payloads")
    void textAndAttributesStayData(String payload) {
        CompletableFuture<String> data = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(body(
                p(payload).withId("shell-text").attr("title", payload),
                suspense(p("..."), async(data, s -> div(span(s).withId("streamed-text")).attr("data-x", s))))));
        data.complete(payload);

        Document doc = StreamReplay.of(sink).document();
        assertEquals(payload.strip(), doc.getElementById("shell-text").text().strip());
        assertEquals(payload, doc.getElementById("shell-text").attr("title"));
        assertEquals(payload.strip(), doc.getElementById("streamed-text").text().strip());
        assertEquals(payload, doc.getElementById("streamed-text").parent().attr("data-x"));
        assertNoInjectedMarkup(doc);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void deferredJsonCannotBreakOutOfItsScript(String payload) {
        CompletableFuture<Map<String, String>> data = new CompletableFuture<>();
        String key = "key " + payload; // user data in the key too
        RecordingSink sink = f.stream(html(body(await(defer(key, data), p("..."), m -> p("ok")))));
        data.complete(Map.of("value", payload, payload, "as key"));

        String html = sink.html();
        assertFalse(html.contains("\u2028") || html.contains("\u2029"), "raw line separators never reach a script");
        Document doc = StreamReplay.of(sink).document();
        assertEquals(payload, StreamReplay.of(sink).deferredValues().get(key).get("value").asText());
        assertEquals("as key", StreamReplay.of(sink).deferredValues().get(key).get(payload).asText());
        assertNoInjectedMarkup(doc);
        // every script the raw stream holds is one of Arbor's own
        for (Element script : StreamReplay.of(sink).shell().select("script")) {
            assertTrue(script.data().startsWith("$a([[\"d\",") || script.id().equals("arbor-runtime"), script.outerHtml());
        }
        long scripts = html.split("<script", -1).length - 1;
        long closers = html.split("</script>", -1).length - 1;
        assertEquals(scripts, closers, "no script is closed early");
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void errorMessagesInDevelopmentModeAreEscapedToo(String payload) {
        Fixtures dev = new Fixtures(Mode.DEVELOPMENT);
        CompletableFuture<String> data = new CompletableFuture<>();
        RecordingSink sink = dev.stream(html(body(
                errorBoundary(e -> p(e.message()).withClass("error"), await(defer("k", data), p("..."), s -> p(s))))));
        data.completeExceptionally(new RuntimeException(payload));
        Document doc = StreamReplay.of(sink).document();
        assertEquals(payload.strip(), doc.select(".error").text().strip());
        assertEquals(payload, StreamReplay.of(sink).deferredErrors().get("k").get("message").asText());
        assertNoInjectedMarkup(doc);
    }

    private static void assertNoInjectedMarkup(Document doc) {
        assertTrue(doc.select("img, svg, script, template").isEmpty(), doc.outerHtml());
        assertTrue(doc.select("[onerror], [onload], [onmouseover]").isEmpty(), doc.outerHtml());
        assertFalse(doc.body().hasAttr("onload"));
    }
}

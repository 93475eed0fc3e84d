package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.internal.ClientRuntime;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The runtime's budget, and how it is emitted: once, before the first instruction, with the nonce. */
class ClientRuntimeTest {
    private final Fixtures f = new Fixtures();

    @Test
    void runtimeIsUnderItsBudgetOf1600BytesGzipped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(ClientRuntime.source().getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(out.size() < 1600, "gzipped runtime is " + out.size() + " bytes");
    }

    @Test
    void runtimeCanBeWrittenInlineInAScriptElement() {
        String runtime = ClientRuntime.source().toLowerCase(Locale.ROOT);
        // either would end the script early, or switch the HTML parser to its double-escaped state
        assertFalse(runtime.contains("</script"), "the runtime contains </script");
        assertFalse(runtime.contains("<!--"), "the runtime contains <!--");
        assertFalse(runtime.contains("<script"), "the runtime contains <script");
        assertTrue(runtime.startsWith("(()=>{") && runtime.endsWith("})()"), "one self-contained IIFE");
    }

    @Test
    void aShellWithNothingPendingHasNoScript() {
        RecordingSink sink = f.stream(html(body(suspense(p("..."), async(CompletableFuture.completedFuture("ready"), s -> p(s))))));
        assertEquals(1, sink.chunks().size());
        assertFalse(sink.html().contains("<script"), sink.html());
    }

    @Test
    void runtimeIsSentOnceWithTheShellThatHasPendingRegionsAndEveryScriptCarriesTheNonce() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        RecordingSink sink = new RecordingSink();
        f.renderer.stream(html(body(
                        suspense(p("a"), async(a, s -> p(s))),
                        await(defer("b", b), p("b"), s -> p(s)))),
                RenderOptions.builder().nonce("r4nd0m+Nonce=").build(), sink);
        assertTrue(sink.chunks().get(0).endsWith("<script nonce=\"r4nd0m+Nonce=\" id=\"arbor-runtime\">"
                + ClientRuntime.source() + "</script>"), "pending regions: the runtime marks them busy from the start");

        a.complete("A");
        b.complete("B");
        Document raw = Jsoup.parse(sink.html());
        assertEquals(1, raw.select("script#arbor-runtime").size());
        assertTrue(sink.chunks().get(1).startsWith("<template>"), sink.chunks().get(1));
        for (Element script : raw.select("script")) {
            assertEquals("r4nd0m+Nonce=", script.attr("nonce"), script.outerHtml());
        }
    }

    @Test
    void aRuntimeInTheHeadIsToldToLookForTheShellsWaitingRegions() {
        CompletableFuture<String> a = new CompletableFuture<>();
        RecordingSink sink = f.stream(html(head(clientRuntime()), body(suspense(p("a"), async(a, s -> p(s))))));
        String shell = sink.chunks().get(0);
        assertTrue(shell.indexOf("arbor-runtime") < shell.indexOf("<body>"), shell);
        assertTrue(shell.endsWith("<script>$a([])</script>"), "an empty list marks the regions busy: " + shell);
        a.complete("A");
        assertEquals("A", StreamReplay.of(sink).document().select("p").text());
    }

    @Test
    void aShellWithHolesIsWrittenAroundThemOnceAndInOrder() {
        // the flush writes after the shell's leading text in place: nothing may come twice or move
        String before = "b".repeat(5_000);
        String after = "é".repeat(5_000); // two bytes a char, past the room a hole's text starts with
        for (int render = 0; render < 2; render++) { // the second starts from the first's size
            CompletableFuture<String> a = new CompletableFuture<>();
            RecordingSink sink = f.stream(html(head(title("T"), clientRuntime()),
                    body(p(before), suspense(p("wait"), async(a, s -> p(s))), p(after))));
            String shell = sink.chunks().get(0);
            int title = shell.indexOf("<title>T</title>");
            int runtime = shell.indexOf("arbor-runtime");
            int first = shell.indexOf(before);
            int fallback = shell.indexOf("<p>wait</p>");
            int last = shell.indexOf(after);
            assertTrue(shell.startsWith("<!DOCTYPE html><html><head>") && 0 < title && title < runtime
                    && runtime < first && first < fallback && fallback < last, shell);
            assertEquals(title, shell.lastIndexOf("<title>T</title>"), "the leading text once");
            assertEquals(last, shell.lastIndexOf(after), "the text after the hole once");
            a.complete("A");
            Document doc = StreamReplay.of(sink).document();
            assertEquals(before + " A " + after, doc.body().select("p").text());
        }
    }

    @Test
    void nonceMustBeBase64() {
        assertThrows(IllegalArgumentException.class, () -> RenderOptions.builder().nonce("\"><script>"));
    }
}

package dev.arbor;

import static dev.arbor.Arbor.*;
import static j2html.TagCreator.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.arbor.internal.ClientRuntime;
import dev.arbor.testing.RecordingSink;
import dev.arbor.testing.StreamReplay;
import j2html.tags.DomContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What the protocol costs on the wire: every byte of a streamed page that is neither the page's
 * own HTML, nor a fallback, nor the runtime (sent once per page), divided by the streamed
 * boundaries. The nonce is a real one's length (16 random bytes in base64). Figures are written
 * in docs/benchmarks.md.
 */
class WireBudgetTest {
    private static final String NONCE = "q7Nw0Yy2kP5cQe1Zb8XvTg==";
    private static final String FALLBACK = "<p class=\"skeleton\">Loading</p>";

    private final Fixtures f = new Fixtures();

    /** Streams {@code n} boundaries, completing {@code together} of them per flush; bytes of framing per boundary. */
    private double framingPerBoundary(int n, int together) {
        List<CompletableFuture<String>> data = new ArrayList<>();
        List<DomContent> sections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<String> stage = new CompletableFuture<>();
            data.add(stage);
            sections.add(section(h2("Section " + i), suspense(rawHtml(FALLBACK), async(stage, s -> p(s)))));
        }
        DomContent page = html(body(main(sections.toArray(DomContent[]::new))));
        RecordingSink sink = RecordingSink.holding();
        f.renderer.stream(page, RenderOptions.builder().nonce(NONCE).build(), sink);
        for (int i = 0; i < n; i += together) {
            for (int j = i; j < Math.min(n, i + together); j++) {
                data.get(j).complete("Content of section " + j);
            }
            assertTrue(sink.acceptNext(), "a flush per group");
        }
        while (sink.acceptNext()) {
            // the end
        }
        assertTrue(sink.isEnded());
        assertEquals(n, StreamReplay.of(sink).boundaryInstructions());
        String complete = f.renderer.renderToString(page).toCompletableFuture().join();
        String runtime = "<script nonce=\"" + NONCE + "\" id=\"arbor-runtime\">" + ClientRuntime.source() + "</script>";
        long framing = bytes(sink.html()) - bytes(complete) - (long) n * bytes(FALLBACK) - bytes(runtime);
        return (double) framing / n;
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void severalBoundariesCompletingTogetherCostAtMostSixtyBytesEachNonceIncluded() {
        double perBoundary = framingPerBoundary(6, 3);
        assertTrue(perBoundary <= 60, "framing per boundary: " + perBoundary);
    }

    @Test
    void aBoundaryCompletingAloneCostsLessThanReacts() {
        double perBoundary = framingPerBoundary(4, 1);
        assertTrue(perBoundary < 128, "React 19 needs 128 bytes; Arbor: " + perBoundary);
    }

    @Test
    void batchingLowersTheCostPerBoundary() {
        double alone = framingPerBoundary(6, 1);
        double inThrees = framingPerBoundary(6, 3);
        double allTogether = framingPerBoundary(6, 6);
        System.out.printf("framing per boundary, nonce included: alone %.1f, three per flush %.1f, six per flush %.1f%n",
                alone, inThrees, allTogether);
        assertTrue(alone > inThrees && inThrees > allTogether, alone + " > " + inThrees + " > " + allTogether);
    }
}

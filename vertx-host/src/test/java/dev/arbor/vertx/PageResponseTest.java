package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a page decides about its own response before the shell: head scripts, status, caching. */
@ExtendWith(VertxExtension.class)
class PageResponseTest {
    private HostFixture app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void headScriptsCarryTheNonceOfTheResponsesPolicyAndComeAfterTheRuntime(Vertx vertx) {
        app = HostFixture.start(vertx);
        StreamingResponse response = app.get("/scripted");
        Document doc = Jsoup.parse(response.body());
        String csp = response.headers().get("Content-Security-Policy");

        List<Element> scripts = doc.head().select("script");
        Element module = doc.head().selectFirst("script[src=/app.js]");
        Element classic = doc.head().selectFirst("script[src=/legacy.js]");
        assertEquals("module", module.attr("type"));
        assertEquals("", classic.attr("type"));
        for (Element script : List.of(module, classic)) {
            assertTrue(csp.contains("'nonce-" + script.attr("nonce") + "'"), csp + " / " + script);
        }
        assertEquals(List.of("", "/app.js", "/legacy.js"),
                scripts.stream().map(s -> s.attr("src")).collect(Collectors.toList()), "the runtime first");
    }
}

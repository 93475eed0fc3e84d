package dev.arbor.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests, sent as raw bytes: each gets its 4xx at once, starts no work, reports no
 * error and logs nothing above debug, so no client can flood the log.
 */
@ExtendWith(VertxExtension.class)
class HostileInputTest {
    private HostFixture app;
    private LogCapture logs;

    @BeforeEach
    void start(Vertx vertx) {
        app = HostFixture.start(vertx);
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        app.close();
    }

    /** Sends {@code request} as is and reads the whole answer (the server closes, or the client after it). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", app.port())) {
            socket.setSoTimeout((int) StreamingResponse.TIMEOUT_SECONDS * 1000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput(); // nothing more comes: the server answers and closes
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    private void assertNothingLoggedOrReported() {
        app.get("/no-such-page").body(); // the server's event loop is past the bad requests
        assertEquals(List.of(), app.reports.stream().map(r -> r.error.toString()).collect(Collectors.toList()));
        assertEquals(List.of(), logs.records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage())
                .collect(Collectors.toList()));
    }

    @Test
    void aMalformedEscapeInThePagesQueryAnswers400BeforeAnyLoaderRuns() throws Exception {
        String answer = raw(get("/stream?x=%ZZ"));

        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertFalse(app.gates.wasRequested("a") || app.gates.wasRequested("b"), "no work started");
        assertNothingLoggedOrReported();
    }

    @Test
    void aPageThatReadsTheBadParameterNeverRunsItAnswers400() throws Exception {
        assertTrue(raw(get("/search?q=%E0%A4%A")).startsWith("HTTP/1.1 400 "));
        assertFalse(app.gates.wasRequested("search"));
        assertNothingLoggedOrReported();
    }

    @Test
    void theNotFoundPageAnswers400ForAMalformedQueryToo() throws Exception {
        assertTrue(raw(get("/no-such-page?x=%ZZ")).startsWith("HTTP/1.1 400 "));
        assertNothingLoggedOrReported();
    }

    @Test
    void aMalformedPathAnswers400() throws Exception {
        assertTrue(raw(get("/%ZZ")).startsWith("HTTP/1.1 400 "));
        assertTrue(raw(get("/shop/%ZZ")).startsWith("HTTP/1.1 400 "));
        assertNothingLoggedOrReported();
    }

    @Test
    void aRequestWithoutHostAnswers400() throws Exception {
        assertTrue(raw("GET /stream HTTP/1.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertNothingLoggedOrReported();
    }

    @Test
    void aTargetThatIsNotAPathAnswers404() throws Exception {
        assertTrue(raw(get("*")).startsWith("HTTP/1.1 404 "));
        assertNothingLoggedOrReported();
    }

    @Test
    void theQueryEndpointAnswersAMalformedQueryWith400AndJson() throws Exception {
        String answer = raw(get(ArborHost.QUERY_ENDPOINT + "?key=%ZZ"));
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("{\"error\":\"The query string is malformed"), answer);
        assertNothingLoggedOrReported();
    }

    @Test
    void aBadRequestIsLoggedAsOneShortLineAtDebugLevel() throws Exception {
        Logger logger = Logger.getLogger(ArborHost.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        try (FineCapture fine = new FineCapture(logger)) {
            raw(get("/stream?x=%ZZ"));
            app.get("/no-such-page").body();
            assertEquals(1, fine.records.size(), fine.records.toString());
            String line = fine.records.get(0).getMessage();
            assertEquals(Level.FINE, fine.records.get(0).getLevel());
            assertTrue(line.startsWith("Bad request (400): GET /stream?x=%ZZ: "), line);
            assertFalse(line.contains("\n"), line);
            assertEquals(null, fine.records.get(0).getThrown(), "no stack");
        } finally {
            logger.setLevel(level);
        }
    }

    @Test
    void aHandlerThatThrowsAnswers500AndIsReportedOnceUnderItsDigest() throws Exception {
        String answer = raw(get("/plain-handler-fails"));

        assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
        app.get("/no-such-page").body();
        assertEquals(1, app.reports.size());
        assertTrue(answer.endsWith("Internal Server Error (" + app.reports.get(0).digest + ")"), answer);
        assertFalse(answer.contains("secret"), answer);
        assertEquals(List.of(), logs.records.stream().map(r -> r.getMessage()).collect(Collectors.toList()),
                "reported through the renderer's reporter only");
    }

    /** Collects what one logger logs at any level. */
    private static final class FineCapture extends java.util.logging.Handler implements AutoCloseable {
        final List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Logger logger;

        FineCapture(Logger logger) {
            this.logger = logger;
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
